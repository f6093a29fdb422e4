import { shownId } from "../../library/ids.ts";
import type { Command } from "../context.ts";
import { texts } from "../i18n.ts";
import type { Field } from "../view.ts";
import { sourceLine } from "../views/source-line.ts";
import { truncate } from "../views/text.ts";
import { articleChoices, int, str } from "./options.ts";

/** How much of an article's first paragraph its overview shows. */
const OVERVIEW_CHARS = 1500;

export const sourceCommand: Command = {
  data: {
    name: "source",
    nameDe: "quelle",
    description: {
      en: "An article's details, or one of its paragraphs",
      de: "Angaben zu einem Artikel oder einer seiner Absätze",
    },
    where: "anywhere",
    options: [
      {
        name: "article",
        nameDe: "artikel",
        type: "string",
        description: { en: "The article", de: "Der Artikel" },
        required: true,
        autocomplete: true,
      },
      {
        name: "paragraph",
        nameDe: "absatz",
        type: "integer",
        description: { en: "Paragraph number", de: "Nummer des Absatzes" },
        minValue: 1,
      },
    ],
  },
  consoleArgs: ["article", "paragraph"],
  async execute(ctx, request, respond) {
    const t = texts(request.lang);
    const id = str(request.options.article) ?? "";
    const found = ctx.corpus.article(id, request.guildId);
    if (!found) {
      await respond.reply({ content: t.unknownArticle(id), ephemeral: true });
      return;
    }
    const { article, passages } = found;
    const paragraphCount = passages.reduce((n, r) => Math.max(n, r.paragraph), 0);
    const paragraph = int(request.options.paragraph);
    if (paragraph === undefined) {
      const fields: Field[] = [
        ...(article.publication
          ? [{ name: t.publication, value: article.publication, inline: true }]
          : []),
        ...(article.author ? [{ name: t.author, value: article.author, inline: true }] : []),
        ...(article.date ? [{ name: t.published, value: article.date, inline: true }] : []),
        { name: t.language, value: article.language, inline: true },
        { name: t.paragraphs, value: String(paragraphCount), inline: true },
        ...(article.url ? [{ name: "URL", value: [{ link: article.url }] }] : []),
      ];
      const first = passages.find((r) => !r.isHeading)?.text ?? "";
      await respond.reply({
        cards: [
          {
            colour: "info",
            title: article.title ?? article.id,
            body: truncate(first, OVERVIEW_CHARS),
            fields,
            footer: shownId(article.id),
          },
        ],
      });
      return;
    }
    const inParagraph = passages.filter((r) => r.paragraph === paragraph);
    if (inParagraph.length === 0) {
      await respond.reply({
        content: t.unknownParagraph(paragraph, paragraphCount),
        ephemeral: true,
      });
      return;
    }
    await respond.reply({
      cards: [
        {
          colour: "cite",
          title: sourceLine({ ...article, articleId: article.id, paragraph }),
          body: inParagraph.map((r) => r.text).join(" "),
          footer: `${shownId(inParagraph[0]?.id ?? "")} · ${inParagraph[0]?.start}–${inParagraph.at(-1)?.end}`,
        },
      ],
    });
  },
  autocomplete(ctx, request) {
    return request.option === "article"
      ? articleChoices(ctx.corpus, request.value, request.guildId)
      : [];
  },
};

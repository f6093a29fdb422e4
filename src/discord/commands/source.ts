import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { asc, eq } from "drizzle-orm";
import { articles, passages } from "../../db/schema.ts";
import { sourceLine } from "../../search/citation.ts";
import type { Command } from "../context.ts";
import { texts } from "../i18n.ts";
import { LIMITS, truncate } from "../render/limits.ts";
import { plain } from "../render/markdown.ts";
import { COLOURS } from "../render/view.ts";
import { articleChoices, int, str } from "./options.ts";

export const sourceCommand: Command = {
  data: new SlashCommandBuilder()
    .setName("source")
    .setNameLocalizations({ de: "quelle" })
    .setDescription("An article's details, or one of its paragraphs")
    .setDescriptionLocalizations({ de: "Angaben zu einem Artikel oder einer seiner Absätze" })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o
        .setName("article")
        .setNameLocalizations({ de: "artikel" })
        .setDescription("The article")
        .setDescriptionLocalizations({ de: "Der Artikel" })
        .setRequired(true)
        .setAutocomplete(true),
    )
    .addIntegerOption((o) =>
      o
        .setName("paragraph")
        .setNameLocalizations({ de: "absatz" })
        .setDescription("Paragraph number")
        .setDescriptionLocalizations({ de: "Nummer des Absatzes" })
        .setMinValue(1),
    )
    .toJSON(),
  consoleArgs: ["article", "paragraph"],
  async execute(ctx, request, respond) {
    const t = texts(request.lang);
    const id = str(request.options.article) ?? "";
    const article = ctx.db.select().from(articles).where(eq(articles.id, id)).get();
    if (!article) {
      await respond.reply({
        content: truncate(t.unknownArticle(id), LIMITS.content),
        ephemeral: true,
      });
      return;
    }
    const rows = ctx.db
      .select()
      .from(passages)
      .where(eq(passages.articleId, id))
      .orderBy(asc(passages.seq))
      .all();
    const paragraphCount = rows.reduce((n, r) => Math.max(n, r.paragraph), 0);
    const paragraph = int(request.options.paragraph);
    if (paragraph === undefined) {
      const fields = [
        article.publication
          ? { name: t.publication, value: plain(article.publication), inline: true }
          : undefined,
        article.author ? { name: t.author, value: plain(article.author), inline: true } : undefined,
        article.date ? { name: t.published, value: article.date, inline: true } : undefined,
        { name: t.language, value: article.language, inline: true },
        { name: t.paragraphs, value: String(paragraphCount), inline: true },
        article.url ? { name: "URL", value: truncate(article.url, LIMITS.fieldValue) } : undefined,
      ].filter((f) => f !== undefined);
      const first = rows.find((r) => !r.isHeading)?.text ?? "";
      await respond.reply({
        embeds: [
          {
            color: COLOURS.info,
            title: truncate(article.title ?? article.id, LIMITS.embedTitle),
            description: truncate(plain(first), 1500),
            fields,
            footer: { text: article.id },
          },
        ],
      });
      return;
    }
    const inParagraph = rows.filter((r) => r.paragraph === paragraph);
    if (inParagraph.length === 0) {
      await respond.reply({
        content: t.unknownParagraph(paragraph, paragraphCount),
        ephemeral: true,
      });
      return;
    }
    const text = inParagraph.map((r) => r.text).join(" ");
    await respond.reply({
      embeds: [
        {
          color: COLOURS.cite,
          title: truncate(
            sourceLine({ ...article, articleId: article.id, paragraph }),
            LIMITS.embedTitle,
          ),
          description: truncate(plain(text), LIMITS.embedDescription),
          footer: {
            text: `${inParagraph[0]?.id} · ${inParagraph[0]?.start}–${inParagraph.at(-1)?.end}`,
          },
        },
      ],
    });
  },
  autocomplete(ctx, request) {
    return request.option === "article" ? articleChoices(ctx.db, request.value) : [];
  },
};

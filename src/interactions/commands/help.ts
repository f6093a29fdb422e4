import { shownId } from "../../library/ids.ts";
import type { Command } from "../context.ts";
import { texts } from "../i18n.ts";
import type { Inline } from "../view.ts";

export const helpCommand: Command = {
  data: {
    name: "help",
    nameDe: "hilfe",
    description: { en: "What Beleg can do", de: "Was Beleg kann" },
    where: "anywhere",
  },
  consoleArgs: [],
  async execute(ctx, request, respond) {
    const t = texts(request.lang);
    const commands: Inline[] = t.helpLines.flatMap(([command, what], i) => [
      ...(i > 0 ? ["\n"] : []),
      { code: command },
      ` ${what}`,
    ]);
    const articles: Inline[] = ctx.corpus
      .articles(request.guildId)
      .flatMap((a, i) => [
        ...(i > 0 ? ["\n"] : []),
        "• ",
        { code: shownId(a.id) },
        `${a.title ? ` — ${a.title}` : ""}${a.date ? ` (${a.date})` : ""}`,
      ]);
    await respond.reply({
      ephemeral: true,
      cards: [
        {
          colour: "info",
          title: t.helpTitle,
          body: commands,
          fields: articles.length > 0 ? [{ name: t.articles, value: articles }] : [],
        },
      ],
    });
  },
};

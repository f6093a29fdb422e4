import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { asc } from "drizzle-orm";
import { articles } from "../../db/schema.ts";
import type { Command } from "../context.ts";
import { texts } from "../i18n.ts";
import { LIMITS, truncate } from "../render/limits.ts";
import { plain } from "../render/markdown.ts";
import { COLOURS } from "../render/view.ts";

export const helpCommand: Command = {
  data: new SlashCommandBuilder()
    .setName("help")
    .setNameLocalizations({ de: "hilfe" })
    .setDescription("What Beleg can do")
    .setDescriptionLocalizations({ de: "Was Beleg kann" })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .toJSON(),
  consoleArgs: [],
  async execute(ctx, request, respond) {
    const t = texts(request.lang);
    const list = ctx.db
      .select({ id: articles.id, title: articles.title, date: articles.date })
      .from(articles)
      .orderBy(asc(articles.id))
      .all()
      .map(
        (a) =>
          `• \`${a.id}\`${a.title ? ` — ${plain(a.title)}` : ""}${a.date ? ` (${a.date})` : ""}`,
      )
      .join("\n");
    await respond.reply({
      ephemeral: true,
      embeds: [
        {
          color: COLOURS.info,
          title: t.helpTitle,
          description: t.helpBody,
          fields: list ? [{ name: t.articles, value: truncate(list, LIMITS.fieldValue) }] : [],
        },
      ],
    });
  },
};

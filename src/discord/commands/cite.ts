import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { and, eq } from "drizzle-orm";
import { passages } from "../../db/schema.ts";
import type { BotContext, Command } from "../context.ts";
import { citeView, type PassageContext } from "../render/cite.ts";
import { articleChoices, int, str } from "./options.ts";

export const MAX_CITE_RESULTS = 10;
const MAX_QUERY_LENGTH = 300;

export const citeCommand: Command = {
  data: new SlashCommandBuilder()
    .setName("cite")
    .setNameLocalizations({ de: "zitat" })
    .setDescription("Quote the passage that backs a claim")
    .setDescriptionLocalizations({ de: "Die Belegstelle zu einer Aussage zitieren" })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((o) =>
      o
        .setName("query")
        .setNameLocalizations({ de: "suche" })
        .setDescription("Words or a question")
        .setDescriptionLocalizations({ de: "Stichwörter oder eine Frage" })
        .setRequired(true)
        .setMaxLength(MAX_QUERY_LENGTH),
    )
    .addStringOption((o) =>
      o
        .setName("article")
        .setNameLocalizations({ de: "artikel" })
        .setDescription("Only this article")
        .setDescriptionLocalizations({ de: "Nur dieser Artikel" })
        .setAutocomplete(true),
    )
    .addIntegerOption((o) =>
      o
        .setName("results")
        .setNameLocalizations({ de: "treffer" })
        .setDescription("How many passages to page through (1–10)")
        .setDescriptionLocalizations({ de: "Wie viele Stellen zum Blättern (1–10)" })
        .setMinValue(1)
        .setMaxValue(MAX_CITE_RESULTS),
    )
    .addBooleanOption((o) =>
      o
        .setName("private")
        .setNameLocalizations({ de: "privat" })
        .setDescription("Only you see the answer")
        .setDescriptionLocalizations({ de: "Nur du siehst die Antwort" }),
    )
    .toJSON(),
  consoleArgs: ["query"],
  async execute(ctx, request, respond) {
    const ephemeral = request.options.private === true;
    await respond.defer(ephemeral);
    const query = (str(request.options.query) ?? "").slice(0, MAX_QUERY_LENGTH);
    const limit = Math.min(MAX_CITE_RESULTS, Math.max(1, int(request.options.results) ?? 3));
    const article = str(request.options.article);
    const results = ctx.search.search(query, { limit, ...(article ? { article } : {}) });
    const session = ctx.citeSessions.add({ userId: request.actor.id, query, results });
    await respond.reply(
      citeView({ session, query, results, page: 0, lang: request.lang, ephemeral }),
    );
  },
  autocomplete(ctx, request) {
    return request.option === "article" ? articleChoices(ctx.db, request.value) : [];
  },
};

/** The passages before and after one, for the context view. */
export function passageContext(
  ctx: BotContext,
  articleId: string,
  passageId: string,
): PassageContext {
  const seq = Number(passageId.split("#").at(-1));
  const at = (n: number) =>
    ctx.db
      .select({ text: passages.text })
      .from(passages)
      .where(and(eq(passages.articleId, articleId), eq(passages.seq, n)))
      .get()?.text;
  return { before: at(seq - 1), after: at(seq + 1) };
}

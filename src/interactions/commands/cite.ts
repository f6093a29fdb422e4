import type { Command } from "../context.ts";
import { citeView } from "../views/cite.ts";
import { articleChoices, articleIds, int, refuseBadOptions, str } from "./options.ts";

const MAX_CITE_RESULTS = 10;
const MAX_QUERY_LENGTH = 300;

export const citeCommand: Command = {
  data: {
    name: "cite",
    nameDe: "zitat",
    description: {
      en: "Quote the passage that backs a claim",
      de: "Die Belegstelle zu einer Aussage zitieren",
    },
    where: "anywhere",
    options: [
      {
        name: "query",
        nameDe: "suche",
        type: "string",
        description: { en: "Words or a question", de: "Stichwörter oder eine Frage" },
        required: true,
        maxLength: MAX_QUERY_LENGTH,
      },
      {
        name: "article",
        nameDe: "artikel",
        type: "string",
        description: { en: "Only this article", de: "Nur dieser Artikel" },
        autocomplete: true,
      },
      {
        name: "results",
        nameDe: "treffer",
        type: "integer",
        description: {
          en: "How many passages to page through (1–10)",
          de: "Wie viele Stellen zum Blättern (1–10)",
        },
        minValue: 1,
        maxValue: MAX_CITE_RESULTS,
      },
      {
        name: "private",
        nameDe: "privat",
        type: "boolean",
        description: { en: "Only you see the answer", de: "Nur du siehst die Antwort" },
      },
    ],
  },
  consoleArgs: ["query"],
  async execute(ctx, request, respond) {
    const known = { article: articleIds(ctx.corpus, request.guildId) };
    const typedArticle = str(request.options.article);
    const resolved = typedArticle && ctx.corpus.resolve(typedArticle, request.guildId);
    const checked = resolved
      ? { ...request, options: { ...request.options, article: resolved } }
      : request;
    if (await refuseBadOptions(citeCommand.data.options ?? [], checked, respond, known)) return;
    const ephemeral = request.options.private === true;
    await respond.defer(ephemeral);
    const query = (str(request.options.query) ?? "").slice(0, MAX_QUERY_LENGTH);
    const limit = Math.min(MAX_CITE_RESULTS, Math.max(1, int(request.options.results) ?? 3));
    const article = str(checked.options.article);
    const results = ctx.search.search(query, {
      limit,
      guildId: request.guildId,
      ...(article ? { article } : {}),
    });
    const session = ctx.citeSessions.add({
      userId: request.actor.id,
      query,
      results,
      private: ephemeral,
    });
    await respond.reply(
      citeView({
        session,
        query,
        results,
        page: 0,
        lang: request.lang,
        ephemeral,
        inGuild: request.guildId !== null,
      }),
    );
  },
  autocomplete(ctx, request) {
    return request.option === "article"
      ? articleChoices(ctx.corpus, request.value, request.guildId)
      : [];
  },
};

import { ROUND_LIMITS } from "../../quiz/round-types.ts";
import type { KindChoice } from "../../quiz/types.ts";
import type { Command, InteractionContext } from "../context.ts";
import { texts } from "../i18n.ts";
import type { RequestBase, Responder } from "../request.ts";
import { reportsView } from "../views/reports.ts";
import {
  articleChoices,
  articleIds,
  int,
  QUESTION_KIND_OPTION,
  refuseBadOptions,
  serverOf,
  str,
  topicChoices,
  topicSlug,
} from "./options.ts";

export const DEFAULT_QUESTIONS = 5;
export const DEFAULT_SECONDS = 30;

/** What a round is made of; the CLI passes a seed, Discord never does. */
export interface RoundSettings {
  readonly count: number;
  readonly seconds: number;
  readonly kind: KindChoice;
  readonly article?: string | undefined;
  readonly topic?: string | undefined;
  readonly seed?: number | undefined;
}

/**
 * Starts a round in the request's channel and tells the starter whether it began. A channel the
 * bot may not post to is refused up front, naming what is missing.
 */
export async function startRound(
  ctx: InteractionContext,
  request: RequestBase & { readonly guildId: string },
  settings: RoundSettings,
  respond: Responder,
): Promise<boolean> {
  const t = texts(request.lang);
  const access = request.botAccess;
  const missing = access ? (["view", "send", "embed"] as const).filter((p) => !access[p]) : [];
  if (missing.length > 0) {
    const names = missing.map((p) => t.permissionNames[p]).join(", ");
    await respond.reply({ content: t.missingPermissions(names), ephemeral: true });
    return false;
  }
  const started = await ctx.runner.start(
    {
      ...settings,
      guildId: request.guildId,
      channelId: request.channelId,
      starterId: request.actor.id,
      lang: request.lang,
      solo: request.alone === true,
    },
    (view) => respond.followUp(view),
  );
  if (!started.ok) {
    const reasons = {
      busy: t.roundBusy,
      "no-questions": t.noQuestions,
      "not-stored": t.notStored,
      full: t.storageFull,
      unavailable: t.unavailable,
    };
    const content =
      started.reason === "too-often"
        ? t.roundsTooOften(started.limit, started.retryAt)
        : reasons[started.reason];
    await respond.reply({ content, ephemeral: true });
    return false;
  }
  const begins = t.roundStarted(started.questionCount, settings.seconds);
  // A round with fewer questions than asked says so, not just its smaller number.
  const scope = settings.topic ? "topic" : settings.article ? "article" : "choice";
  const fewer =
    started.questionCount < settings.count
      ? ` ${t.fewerQuestions(started.questionCount, settings.count, scope)}`
      : "";
  await respond.reply({ content: `${begins}${fewer}` });
  return true;
}

export const quizCommand: Command = {
  data: {
    name: "quiz",
    nameDe: "quiz",
    description: { en: "Quiz rounds on the corpus", de: "Quizrunden zum Korpus" },
    where: "guild",
    subcommands: [
      {
        name: "start",
        nameDe: "start",
        description: {
          en: "Start a round in this channel",
          de: "Eine Runde in diesem Kanal starten",
        },
        options: [
          {
            name: "questions",
            nameDe: "fragen",
            type: "integer",
            description: { en: "Number of questions (1–20)", de: "Anzahl der Fragen (1–20)" },
            minValue: ROUND_LIMITS.minQuestions,
            maxValue: ROUND_LIMITS.maxQuestions,
          },
          {
            name: "article",
            nameDe: "artikel",
            type: "string",
            description: {
              en: "Only questions on this article",
              de: "Nur Fragen zu diesem Artikel",
            },
            autocomplete: true,
          },
          {
            name: "topic",
            nameDe: "thema",
            type: "string",
            description: { en: "Only questions on this topic", de: "Nur Fragen zu diesem Thema" },
            autocomplete: true,
          },
          QUESTION_KIND_OPTION,
          {
            name: "seconds",
            nameDe: "sekunden",
            type: "integer",
            description: {
              en: "Seconds per question (10–120)",
              de: "Sekunden pro Frage (10–120)",
            },
            minValue: ROUND_LIMITS.minSeconds,
            maxValue: ROUND_LIMITS.maxSeconds,
          },
        ],
      },
      {
        name: "stop",
        nameDe: "stopp",
        description: {
          en: "End the round in this channel",
          de: "Die Runde in diesem Kanal beenden",
        },
      },
      {
        name: "reports",
        nameDe: "meldungen",
        description: {
          en: "Questions players reported as wrong (moderators)",
          de: "Von Spielern gemeldete Fragen (Moderation)",
        },
      },
    ],
  },
  consoleArgs: [],
  async execute(ctx, request, respond) {
    const t = texts(request.lang);
    const guildId = await serverOf(request, respond);
    if (guildId === null) return;
    if (request.subcommand === "reports") {
      if (!request.canManageMessages)
        return respond.reply({ content: t.reportsForbidden, ephemeral: true });
      return respond.reply(reportsView(await ctx.reports.open(guildId), request.lang));
    }
    if (request.subcommand === "stop") {
      const result = await ctx.runner.stop(request.channelId, {
        userId: request.actor.id,
        canManageMessages: request.canManageMessages,
      });
      const message = { stopped: t.stopped, forbidden: t.stopForbidden, "no-round": t.noRound }[
        result.status
      ];
      await respond.reply({ content: message, ephemeral: result.status !== "stopped" });
      return;
    }
    const specs = quizCommand.data.subcommands?.find((s) => s.name === "start")?.options ?? [];
    const topic = topicSlug(ctx.corpus, str(request.options.topic), guildId);
    const typedArticle = str(request.options.article);
    const article = (typedArticle && ctx.corpus.resolve(typedArticle, guildId)) || typedArticle;
    const checked = { ...request, options: { ...request.options, topic, article } };
    const known = {
      article: articleIds(ctx.corpus, guildId),
      topic: ctx.corpus
        .topics(guildId)
        .map((x) => ({ value: x.slug, name: x.label[request.lang] })),
    };
    if (await refuseBadOptions(specs, checked, respond, known)) return;
    await startRound(
      ctx,
      { ...request, guildId },
      {
        count: int(request.options.questions) ?? DEFAULT_QUESTIONS,
        seconds: int(request.options.seconds) ?? DEFAULT_SECONDS,
        kind: (str(request.options.kind) ?? "mixed") as KindChoice,
        article,
        topic,
      },
      respond,
    );
  },
  autocomplete(ctx, request) {
    if (request.option === "article")
      return articleChoices(ctx.corpus, request.value, request.guildId);
    if (request.option === "topic")
      return topicChoices(ctx.corpus, request.value, request.lang, request.guildId);
    return [];
  },
};

import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { ROUND_LIMITS } from "../../quiz/service.ts";
import type { KindChoice } from "../../quiz/types.ts";
import type { Command } from "../context.ts";
import { texts } from "../i18n.ts";
import { articleChoices, int, serverOf, str, topicChoices } from "./options.ts";

const DEFAULT_QUESTIONS = 5;
const DEFAULT_SECONDS = 30;

export const quizCommand: Command = {
  data: new SlashCommandBuilder()
    .setName("quiz")
    .setNameLocalizations({ de: "quiz" })
    .setDescription("Quiz rounds on the corpus")
    .setDescriptionLocalizations({ de: "Quizrunden zum Korpus" })
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName("start")
        .setNameLocalizations({ de: "start" })
        .setDescription("Start a round in this channel")
        .setDescriptionLocalizations({ de: "Eine Runde in diesem Kanal starten" })
        .addIntegerOption((o) =>
          o
            .setName("questions")
            .setNameLocalizations({ de: "fragen" })
            .setDescription("Number of questions (1–20)")
            .setDescriptionLocalizations({ de: "Anzahl der Fragen (1–20)" })
            .setMinValue(ROUND_LIMITS.minQuestions)
            .setMaxValue(ROUND_LIMITS.maxQuestions),
        )
        .addStringOption((o) =>
          o
            .setName("article")
            .setNameLocalizations({ de: "artikel" })
            .setDescription("Only questions on this article")
            .setDescriptionLocalizations({ de: "Nur Fragen zu diesem Artikel" })
            .setAutocomplete(true),
        )
        .addStringOption((o) =>
          o
            .setName("topic")
            .setNameLocalizations({ de: "thema" })
            .setDescription("Only questions on this topic")
            .setDescriptionLocalizations({ de: "Nur Fragen zu diesem Thema" })
            .setAutocomplete(true),
        )
        .addStringOption((o) =>
          o
            .setName("kind")
            .setNameLocalizations({ de: "art" })
            .setDescription("Multiple choice, true/false or mixed")
            .setDescriptionLocalizations({ de: "Multiple Choice, wahr/falsch oder gemischt" })
            .addChoices(
              {
                name: "multiple choice",
                name_localizations: { de: "Multiple Choice" },
                value: "mc",
              },
              { name: "true/false", name_localizations: { de: "wahr/falsch" }, value: "tf" },
              { name: "mixed", name_localizations: { de: "gemischt" }, value: "mixed" },
            ),
        )
        .addIntegerOption((o) =>
          o
            .setName("seconds")
            .setNameLocalizations({ de: "sekunden" })
            .setDescription("Seconds per question (10–120)")
            .setDescriptionLocalizations({ de: "Sekunden pro Frage (10–120)" })
            .setMinValue(ROUND_LIMITS.minSeconds)
            .setMaxValue(ROUND_LIMITS.maxSeconds),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("stop")
        .setNameLocalizations({ de: "stopp" })
        .setDescription("End the round in this channel")
        .setDescriptionLocalizations({ de: "Die Runde in diesem Kanal beenden" }),
    )
    .toJSON(),
  consoleArgs: [],
  async execute(ctx, request, respond) {
    const t = texts(request.lang);
    const guildId = await serverOf(request, respond);
    if (guildId === null) return;
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
    const kind = str(request.options.kind);
    const clamp = (v: number | undefined, min: number, max: number, fallback: number) =>
      Math.min(max, Math.max(min, v ?? fallback));
    const count = clamp(
      int(request.options.questions),
      ROUND_LIMITS.minQuestions,
      ROUND_LIMITS.maxQuestions,
      DEFAULT_QUESTIONS,
    );
    const seconds = clamp(
      int(request.options.seconds),
      ROUND_LIMITS.minSeconds,
      ROUND_LIMITS.maxSeconds,
      DEFAULT_SECONDS,
    );
    const started = ctx.runner.start({
      guildId,
      channelId: request.channelId,
      starterId: request.actor.id,
      count,
      seconds,
      kind: (["mc", "tf", "mixed"].includes(kind ?? "") ? kind : "mixed") as KindChoice,
      lang: request.lang,
      article: str(request.options.article),
      topic: str(request.options.topic),
    });
    if (!started.ok) {
      await respond.reply({
        content: started.reason === "busy" ? t.roundBusy : t.noQuestions,
        ephemeral: true,
      });
      return;
    }
    await respond.reply({ content: t.roundStarted(started.questionCount, seconds) });
  },
  autocomplete(ctx, request) {
    if (request.option === "article") return articleChoices(ctx.db, request.value);
    if (request.option === "topic") return topicChoices(ctx.db, request.value);
    return [];
  },
};

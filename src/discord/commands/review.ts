import {
  ButtonStyle,
  ComponentType,
  InteractionContextType,
  SlashCommandBuilder,
} from "discord.js";
import { generateQuestions } from "../../quiz/generate.ts";
import { dueClaimIds, loadQuizClaims } from "../../quiz/store.ts";
import type { Lang, Question } from "../../quiz/types.ts";
import type { Command } from "../context.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import { LIMITS, truncate } from "../render/limits.ts";
import { plain } from "../render/markdown.ts";
import { COLOURS, type MessageView } from "../render/view.ts";

export const REVIEW_SIZE = 5;
const LETTERS = ["A", "B", "C", "D"];

/** One question of a private review round, with its buttons (and the previous answer's result). */
export function reviewQuestionView(
  session: string,
  questions: readonly Question[],
  index: number,
  lang: Lang,
  feedback?: string,
): MessageView {
  const t = texts(lang);
  const q = questions[index] as Question;
  return {
    ephemeral: true,
    ...(feedback ? { content: truncate(feedback, LIMITS.content) } : {}),
    embeds: [
      {
        color: COLOURS.quiz,
        title: t.review(index + 1, questions.length),
        description: truncate(plain(q.prompt), LIMITS.embedDescription),
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: q.options.map((option, i) => ({
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: truncate(
            q.kind === "tf" ? option : `${LETTERS[i]} · ${option}`,
            LIMITS.buttonLabel,
          ),
          custom_id: encodeCustomId({ kind: "review", session, index, option: i }),
        })),
      },
    ],
  };
}

export const reviewCommand: Command = {
  data: new SlashCommandBuilder()
    .setName("review")
    .setNameLocalizations({ de: "wiederholen" })
    .setDescription("A private round of the questions you missed, when they are due")
    .setDescriptionLocalizations({
      de: "Eine private Runde mit deinen falsch beantworteten, fälligen Fragen",
    })
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .toJSON(),
  consoleArgs: [],
  async execute(ctx, request, respond) {
    await respond.defer(true);
    const t = texts(request.lang);
    const due = new Set(dueClaimIds(ctx.db, request.actor.id, ctx.clock(), REVIEW_SIZE));
    const claims = loadQuizClaims(ctx.db).filter((c) => due.has(c.id));
    const questions = generateQuestions(claims, {
      count: REVIEW_SIZE,
      seed: ctx.clock() % 2 ** 31,
      kind: "mc",
      lang: request.lang,
    });
    if (questions.length === 0) {
      await respond.reply({ content: t.reviewEmpty, ephemeral: true });
      return;
    }
    const session = ctx.reviewSessions.add({
      userId: request.actor.id,
      questions,
      answered: 0,
      correct: 0,
    });
    await respond.reply(reviewQuestionView(session, questions, 0, request.lang));
  },
};

import type { Command } from "../context.ts";
import { texts } from "../i18n.ts";
import { reviewQuestionView } from "../views/review.ts";

const REVIEW_SIZE = 5;

export const reviewCommand: Command = {
  data: {
    name: "review",
    nameDe: "wiederholen",
    description: {
      en: "A private round of the questions you missed, when they are due",
      de: "Eine private Runde mit deinen falsch beantworteten, fälligen Fragen",
    },
    where: "anywhere",
  },
  consoleArgs: [],
  async execute(ctx, request, respond) {
    await respond.defer(true);
    const questions = await ctx.reviews.dueQuestions(
      request.actor.id,
      request.lang,
      REVIEW_SIZE,
      request.guildId,
    );
    if (questions.length === 0) {
      await respond.reply({ content: texts(request.lang).reviewEmpty, ephemeral: true });
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

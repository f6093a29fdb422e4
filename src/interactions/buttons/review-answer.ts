import { WriteFailedError } from "../../db/write-failure.ts";
import type { Question } from "../../quiz/types.ts";
import { texts } from "../i18n.ts";
import { notStoredText } from "../not-stored.ts";
import { reviewDoneView, reviewFeedback, reviewQuestionView } from "../views/review.ts";
import type { ButtonHandler } from "./button.ts";

/** An answer in a private /review round: moves the claim's schedule, shows the next question. */
export const reviewAnswerButton: ButtonHandler<"review"> = {
  async press(ctx, request, id, respond) {
    const t = texts(request.lang);
    const privately = (content: string) => respond.reply({ content, ephemeral: true });
    const session = ctx.reviewSessions.get(id.session);
    if (!session) return privately(t.expired);
    if (session.userId !== request.actor.id) return privately(t.notYours);
    if (id.index !== session.answered) return privately(t.alreadyAnswered);
    const question = session.questions[id.index] as Question;
    if (id.option < 0 || id.option >= question.options.length) return privately(t.expired);
    const correct = id.option === question.correctIndex;
    try {
      await ctx.reviews.record(request.actor.id, question.claimId, correct);
    } catch (error) {
      if (!(error instanceof WriteFailedError)) throw error;
      return privately(notStoredText(t, error.reason));
    }
    session.answered++;
    if (correct) session.correct++;
    const feedback = reviewFeedback(question, correct, request.lang);
    if (session.answered < session.questions.length) {
      return respond.update(
        reviewQuestionView(id.session, session.questions, session.answered, request.lang, feedback),
      );
    }
    ctx.reviewSessions.delete(id.session);
    await respond.update(
      reviewDoneView(feedback, session.correct, session.questions.length, request.lang),
    );
  },
};

import { answerOutcome } from "../answer-outcome.ts";
import { texts } from "../i18n.ts";
import type { ButtonHandler } from "./button.ts";

/**
 * Past this, a click is acknowledged before its answer is stored (Discord drops interactions
 * not answered within 3 s); the answer's fate follows when the write settles.
 */
const ACKNOWLEDGE_AFTER_MS = 1500;

/** An answer button of a quiz question: recorded once per user, while the question is open. */
export const quizAnswerButton: ButtonHandler<"quiz"> = {
  async press(ctx, request, id, respond) {
    const t = texts(request.lang);
    const privately = (content: string) => respond.reply({ content, ephemeral: true });
    const current = ctx.quiz.current(request.channelId);
    if (
      !current ||
      current.roundId !== id.roundId ||
      current.position !== id.position ||
      !current.open
    ) {
      return privately(t.tooLate);
    }
    const answer = ctx.quiz.answer(request.channelId, {
      userId: request.actor.id,
      userName: request.actor.name,
      option: id.option,
    });
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<"slow">((resolve) => {
      timer = setTimeout(resolve, ACKNOWLEDGE_AFTER_MS, "slow");
    });
    if ((await Promise.race([answer, slow])) === "slow") await respond.defer(true);
    clearTimeout(timer);
    const result = await answer;
    await privately(answerOutcome(t, result.status, t.recorded));
    if (result.status === "recorded") ctx.runner.answered(request.channelId);
  },
};

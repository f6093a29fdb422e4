import { texts } from "../i18n.ts";
import type { ButtonHandler } from "./button.ts";

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
    const result = ctx.quiz.answer(request.channelId, {
      userId: request.actor.id,
      userName: request.actor.name,
      option: id.option,
    });
    const message = {
      recorded: t.recorded,
      duplicate: t.alreadyAnswered,
      closed: t.tooLate,
      invalid: t.expired,
      "no-round": t.noRound,
    }[result.status];
    await privately(message);
    if (result.status === "recorded") ctx.runner.answered(request.channelId);
  },
};

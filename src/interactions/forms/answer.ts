import { answerOutcome } from "../answer-outcome.ts";
import { texts } from "../i18n.ts";
import { ANSWER_FIELD, ANSWER_MAX_LENGTH } from "../views/forms.ts";
import type { FormHandler } from "./form.ts";

/**
 * A typed answer: it counts for the question its form was opened on, only while that question is
 * open (a form left open past its question is too late, never an answer to the next one).
 */
export const answerFormSubmitted: FormHandler<"answer"> = {
  async submit(ctx, request, id, respond) {
    const t = texts(request.lang);
    const privately = (content: string) => respond.reply({ content, ephemeral: true });
    const current = ctx.quiz.current(request.channelId);
    if (current?.roundId !== id.roundId || current.position !== id.position || !current.open)
      return privately(t.tooLate);
    const text = (request.fields[ANSWER_FIELD] ?? "").trim().slice(0, ANSWER_MAX_LENGTH);
    if (text === "") return privately(t.emptyAnswer);
    await respond.defer(true);
    const result = await ctx.quiz.answerTyped(request.channelId, {
      userId: request.actor.id,
      userName: request.actor.name,
      text,
      roundId: id.roundId,
      position: id.position,
    });
    await privately(answerOutcome(t, result.status, t.recordedTyped(text)));
    if (result.status === "recorded") ctx.runner.answered(request.channelId);
  },
};

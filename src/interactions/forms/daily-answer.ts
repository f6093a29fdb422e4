import { answerOutcome } from "../answer-outcome.ts";
import { texts } from "../i18n.ts";
import { ANSWER_FIELD, ANSWER_MAX_LENGTH } from "../views/forms.ts";
import type { FormHandler } from "./form.ts";

/** A typed answer to a question of the day, graded as in rounds, stored once per member. */
export const dailyAnswerFormSubmitted: FormHandler<"danswer"> = {
  async submit(ctx, request, id, respond) {
    const t = texts(request.lang);
    const privately = (content: string) => respond.reply({ content, ephemeral: true });
    if (request.guildId === null) return privately(t.expired);
    const text = (request.fields[ANSWER_FIELD] ?? "").trim().slice(0, ANSWER_MAX_LENGTH);
    if (text === "") return privately(t.emptyAnswer);
    await respond.defer(true);
    const result = await ctx.daily.answer(id.post, {
      guildId: request.guildId,
      userId: request.actor.id,
      userName: request.actor.name,
      text,
    });
    await privately(answerOutcome(t, result.status, t.recordedTyped(text)));
  },
};

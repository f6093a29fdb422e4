import { answerOutcome } from "../answer-outcome.ts";
import { texts } from "../i18n.ts";
import { dailyAnswerForm } from "../views/daily.ts";
import type { ButtonHandler } from "./button.ts";

/**
 * An option of a question of the day: recorded once per member while the day's question is open,
 * by whichever process Discord sends the click to (the question is read from the database).
 */
export const dailyAnswerButton: ButtonHandler<"daily"> = {
  async press(ctx, request, id, respond) {
    const t = texts(request.lang);
    if (request.guildId === null) return respond.reply({ content: t.expired, ephemeral: true });
    await respond.defer(true);
    const result = await ctx.daily.answer(id.post, {
      guildId: request.guildId,
      userId: request.actor.id,
      userName: request.actor.name,
      option: id.option,
    });
    await respond.reply({ content: answerOutcome(t, result.status, t.recorded), ephemeral: true });
  },
};

/** "Type the answer" under a typed question of the day: opens the answer form while it is open. */
export const dailyTypedButton: ButtonHandler<"dtyped"> = {
  async press(ctx, request, id, respond) {
    const post = await ctx.daily.store.post(id.post);
    if (
      !post ||
      post.guildId !== request.guildId ||
      post.status !== "posted" ||
      ctx.clock() >= post.closesAt
    )
      return respond.reply({ content: texts(request.lang).tooLate, ephemeral: true });
    await respond.showForm(dailyAnswerForm(id.post, request.lang));
  },
};

import { texts } from "../i18n.ts";
import { answerForm } from "../views/forms.ts";
import type { ButtonHandler } from "./button.ts";

/** "Type the answer" under a typed question: opens the answer form while the question is open. */
export const typedAnswerButton: ButtonHandler<"typed"> = {
  async press(ctx, request, id, respond) {
    const current = ctx.quiz.current(request.channelId);
    if (current?.roundId !== id.roundId || current.position !== id.position || !current.open)
      return respond.reply({ content: texts(request.lang).tooLate, ephemeral: true });
    await respond.showForm(answerForm(id.roundId, id.position, request.lang));
  },
};

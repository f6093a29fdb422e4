import { reasonForm } from "../views/forms.ts";
import type { ButtonHandler } from "./button.ts";

/** "Report question" on a reveal: asks what is wrong with it. */
export const reportQuestionButton: ButtonHandler<"report"> = {
  async press(_ctx, request, id, respond) {
    await respond.showForm(reasonForm(id.roundId, id.position, request.lang));
  },
};

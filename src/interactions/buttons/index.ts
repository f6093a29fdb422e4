import type { InteractionContext } from "../context.ts";
import { type ButtonId, isModalId, parseCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import type { ComponentRequest, Responder } from "../request.ts";
import type { ButtonHandler } from "./button.ts";
import { citePageButton } from "./cite-page.ts";
import { dailyAnswerButton, dailyTypedButton } from "./daily-answer.ts";
import { proposeButton, proposeTypeButton, verdictButton } from "./library.ts";
import { postCitationButton } from "./post-citation.ts";
import { quizAnswerButton } from "./quiz-answer.ts";
import { reportQuestionButton } from "./report-question.ts";
import { reportsPageButton, reportsReviewedButton } from "./reports-reviewed.ts";
import { reviewAnswerButton } from "./review-answer.ts";
import { typedAnswerButton } from "./typed-answer.ts";

/** Every button, by the kind of its custom id (a kind without a handler does not compile). */
const BUTTONS: { readonly [K in ButtonId["kind"]]: ButtonHandler<K> } = {
  cite: citePageButton,
  quiz: quizAnswerButton,
  review: reviewAnswerButton,
  post: postCitationButton,
  typed: typedAnswerButton,
  report: reportQuestionButton,
  reviewed: reportsReviewedButton,
  reports: reportsPageButton,
  propose: proposeButton,
  ptype: proposeTypeButton,
  verdict: verdictButton,
  daily: dailyAnswerButton,
  dtyped: dailyTypedButton,
};

function press<K extends ButtonId["kind"]>(
  ctx: InteractionContext,
  request: ComponentRequest,
  id: Extract<ButtonId, { kind: K }>,
  respond: Responder,
): Promise<void> {
  return (BUTTONS[id.kind] as ButtonHandler<K>).press(ctx, request, id, respond);
}

/** Routes a button press by its custom id; a stale or forged id gets a private answer. */
export async function handleComponent(
  ctx: InteractionContext,
  request: ComponentRequest,
  respond: Responder,
): Promise<void> {
  const id = parseCustomId(request.customId);
  if (!id || isModalId(id)) {
    await respond.reply({ content: texts(request.lang).expired, ephemeral: true });
    return;
  }
  await press(ctx, request, id, respond);
}

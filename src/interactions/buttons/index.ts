import type { InteractionContext } from "../context.ts";
import { type CustomId, parseCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import type { ComponentRequest, Responder } from "../request.ts";
import type { ButtonHandler } from "./button.ts";
import { citePageButton } from "./cite-page.ts";
import { postCitationButton } from "./post-citation.ts";
import { quizAnswerButton } from "./quiz-answer.ts";
import { reviewAnswerButton } from "./review-answer.ts";

/** Every button, by the kind of its custom id (a kind without a handler does not compile). */
const BUTTONS: { readonly [K in CustomId["kind"]]: ButtonHandler<K> } = {
  cite: citePageButton,
  quiz: quizAnswerButton,
  review: reviewAnswerButton,
  post: postCitationButton,
};

function press<K extends CustomId["kind"]>(
  ctx: InteractionContext,
  request: ComponentRequest,
  id: Extract<CustomId, { kind: K }>,
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
  if (!id) {
    await respond.reply({ content: texts(request.lang).expired, ephemeral: true });
    return;
  }
  await press(ctx, request, id, respond);
}

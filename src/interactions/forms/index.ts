import type { InteractionContext } from "../context.ts";
import { isModalId, type ModalId, parseCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import type { FormRequest, Responder } from "../request.ts";
import { answerFormSubmitted } from "./answer.ts";
import { dailyAnswerFormSubmitted } from "./daily-answer.ts";
import type { FormHandler } from "./form.ts";
import { proposalFormSubmitted, titleFormSubmitted } from "./library.ts";
import { reasonFormSubmitted } from "./reason.ts";

/** Every form, by the kind of its custom id. */
const FORMS: { readonly [K in ModalId["kind"]]: FormHandler<K> } = {
  answer: answerFormSubmitted,
  reason: reasonFormSubmitted,
  proposal: proposalFormSubmitted,
  title: titleFormSubmitted,
  danswer: dailyAnswerFormSubmitted,
};

function submit<K extends ModalId["kind"]>(
  ctx: InteractionContext,
  request: FormRequest,
  id: Extract<ModalId, { kind: K }>,
  respond: Responder,
): Promise<void> {
  return (FORMS[id.kind] as FormHandler<K>).submit(ctx, request, id, respond);
}

/** Routes a submitted form by its custom id; a stale or forged id gets a private answer. */
export async function handleForm(
  ctx: InteractionContext,
  request: FormRequest,
  respond: Responder,
): Promise<void> {
  const id = parseCustomId(request.customId);
  if (!id || !isModalId(id)) {
    await respond.reply({ content: texts(request.lang).expired, ephemeral: true });
    return;
  }
  await submit(ctx, request, id, respond);
}

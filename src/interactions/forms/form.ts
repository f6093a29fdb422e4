import type { InteractionContext } from "../context.ts";
import type { ModalId } from "../custom-id.ts";
import type { FormRequest, Responder } from "../request.ts";

/** What a submitted form does, for the custom ids of one kind. */
export interface FormHandler<K extends ModalId["kind"] = ModalId["kind"]> {
  submit(
    ctx: InteractionContext,
    request: FormRequest,
    id: Extract<ModalId, { kind: K }>,
    respond: Responder,
  ): Promise<void>;
}

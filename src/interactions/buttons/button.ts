import type { InteractionContext } from "../context.ts";
import type { ButtonId } from "../custom-id.ts";
import type { ComponentRequest, Responder } from "../request.ts";

/** What a button does, for the custom ids of one kind. */
export interface ButtonHandler<K extends ButtonId["kind"] = ButtonId["kind"]> {
  press(
    ctx: InteractionContext,
    request: ComponentRequest,
    id: Extract<ButtonId, { kind: K }>,
    respond: Responder,
  ): Promise<void>;
}

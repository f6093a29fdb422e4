import type { InteractionContext } from "../context.ts";
import type { CustomId } from "../custom-id.ts";
import type { ComponentRequest, Responder } from "../request.ts";

/** What a button does, for the custom ids of one kind. */
export interface ButtonHandler<K extends CustomId["kind"] = CustomId["kind"]> {
  press(
    ctx: InteractionContext,
    request: ComponentRequest,
    id: Extract<CustomId, { kind: K }>,
    respond: Responder,
  ): Promise<void>;
}

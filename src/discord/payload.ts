import { MessageFlags } from "discord.js";
import type { MessageView } from "./render/view.ts";

/** Nothing the bot sends may ping: corpus text and user input are echoed. */
export const NO_MENTIONS = { parse: [] as never[] };

/** A view as the body of a REST message call (snake_case, as the API takes it). */
export function messageBody(view: MessageView) {
  return {
    ...(view.content !== undefined ? { content: view.content } : {}),
    embeds: [...(view.embeds ?? [])],
    components: [...(view.components ?? [])],
    allowed_mentions: NO_MENTIONS,
  };
}

/** A view as options for discord.js edits (an edit cannot change who sees the message). */
export function editOptions(view: MessageView) {
  return {
    ...(view.content !== undefined ? { content: view.content } : {}),
    embeds: [...(view.embeds ?? [])],
    components: [...(view.components ?? [])],
    allowedMentions: NO_MENTIONS,
  };
}

/** A view as options for discord.js replies and follow-ups. */
export function replyOptions(view: MessageView) {
  return {
    ...editOptions(view),
    ...(view.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

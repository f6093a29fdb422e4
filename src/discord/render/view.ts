import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord.js";

/** A message as plain data: what Discord gets as JSON and the console prints as text. */
export interface MessageView {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly APIActionRowComponent<APIButtonComponent>[];
  /** Only the user who asked sees it. */
  readonly ephemeral?: boolean;
}

export const COLOURS = { cite: 0x2f6f9f, quiz: 0xc27c0e, right: 0x2e8b57, info: 0x6b6b6b } as const;

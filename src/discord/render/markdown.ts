import { escapeMarkdown } from "discord.js";
import type { Highlight } from "../../search/highlight.ts";
import { truncate } from "./limits.ts";

/**
 * Corpus text with the matched words in bold. Everything else is escaped, so asterisks or
 * underscores in the text cannot break the formatting.
 */
export function boldHighlights(text: string, highlights: readonly Highlight[]): string {
  let out = "";
  let cursor = 0;
  for (const h of highlights) {
    if (h.start < cursor || h.end > text.length) continue;
    out += escapeMarkdown(text.slice(cursor, h.start));
    out += `**${escapeMarkdown(text.slice(h.start, h.end))}**`;
    cursor = h.end;
  }
  return out + escapeMarkdown(text.slice(cursor));
}

/** User or corpus text shown as plain text. */
export function plain(text: string): string {
  return escapeMarkdown(text);
}

/** `boldHighlights` cut (at a word, with an ellipsis) so the result fits in `max` characters. */
export function boldHighlightsWithin(
  text: string,
  highlights: readonly Highlight[],
  max: number,
): string {
  for (let room = max; room > 20; room = Math.floor(room * 0.9)) {
    if (text.length <= room) {
      const whole = boldHighlights(text, highlights);
      if (whole.length <= max) return whole;
      continue;
    }
    const kept = truncate(text, room).slice(0, -1);
    const out = `${boldHighlights(
      kept,
      highlights.filter((h) => h.end <= kept.length),
    )}…`;
    if (out.length <= max) return out;
  }
  return truncate(plain(text), max);
}

import type { Highlight } from "../../search/highlight.ts";
import type { Inline } from "../view.ts";

/** Cuts text to `max` characters at a word boundary, ending with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(0, max - 1));
  const cut = room.replace(/\s+\S*$/u, "");
  return `${cut.length >= max / 2 ? cut : room}…`;
}

/** Text with its matched words in bold, cut (at a word, with an ellipsis) to `max` characters. */
export function highlighted(
  text: string,
  highlights: readonly Highlight[],
  max = Number.POSITIVE_INFINITY,
): Inline[] {
  const kept = text.length <= max ? text : truncate(text, max).slice(0, -1);
  const out: Inline[] = [];
  let cursor = 0;
  for (const h of highlights) {
    if (h.start < cursor || h.end > kept.length) continue;
    if (h.start > cursor) out.push(kept.slice(cursor, h.start));
    out.push({ bold: kept.slice(h.start, h.end) });
    cursor = h.end;
  }
  if (cursor < kept.length) out.push(kept.slice(cursor));
  if (kept.length < text.length) out.push("…");
  return out;
}

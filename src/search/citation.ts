import type { Highlight } from "./highlight.ts";
import type { SearchResult } from "./searcher.ts";

/** "Title — Publication, 2025-03-20 — ¶ 15": the source line under a quoted passage. */
export function sourceLine(
  result: Pick<SearchResult, "articleId" | "title" | "publication" | "date" | "paragraph">,
): string {
  const name = result.title ?? result.articleId;
  const origin = [result.publication, result.date].filter(Boolean).join(", ");
  return [name, origin, `¶ ${result.paragraph}`].filter(Boolean).join(" — ");
}

/** The text with every highlight wrapped in `open`/`close` (e.g. `**` for Markdown bold). */
export function markHighlights(
  text: string,
  highlights: readonly Highlight[],
  open: string,
  close = open,
): string {
  let out = "";
  let cursor = 0;
  for (const h of highlights) {
    if (h.start < cursor || h.end > text.length) continue;
    out += text.slice(cursor, h.start) + open + text.slice(h.start, h.end) + close;
    cursor = h.end;
  }
  return out + text.slice(cursor);
}

import { markHighlights, sourceLine } from "../search/citation.ts";
import type { SearchResult } from "../search/searcher.ts";

export interface TextStyle {
  readonly boldOpen: string;
  readonly boldClose: string;
}

export const MARKDOWN_STYLE: TextStyle = { boldOpen: "**", boldClose: "**" };
export const ANSI_STYLE: TextStyle = { boldOpen: "\u001b[1m", boldClose: "\u001b[22m" };

/** Cited passages as terminal text: source line with passage id and offsets, then the quote. */
export function renderCitations(results: readonly SearchResult[], style: TextStyle): string {
  if (results.length === 0) return "Nothing found.\n";
  return results
    .map(
      (r, i) =>
        `${i + 1}. ${sourceLine(r)}  [${r.passageId}, chars ${r.start}–${r.end}]\n` +
        `   ${markHighlights(r.text, r.highlights, style.boldOpen, style.boldClose)}\n`,
    )
    .join("\n");
}

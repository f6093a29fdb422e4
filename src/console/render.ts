import { sourceLine } from "../interactions/views/source-line.ts";
import { highlighted } from "../interactions/views/text.ts";
import { shownId } from "../library/ids.ts";
import type { SearchResult } from "../search/types.ts";
import { plainText, type TextStyle } from "./text.ts";

/** Cited passages as terminal text: source line with passage id and offsets, then the quote. */
export function renderCitations(results: readonly SearchResult[], style: TextStyle): string {
  if (results.length === 0) return "Nothing found.\n";
  return results
    .map(
      (r, i) =>
        `${i + 1}. ${sourceLine(r)}  [${shownId(r.passageId)}, chars ${r.start}–${r.end}]\n` +
        `   ${plainText(highlighted(r.text, r.highlights), style, 0)}\n`,
    )
    .join("\n");
}

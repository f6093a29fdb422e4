import { texts } from "../interactions/i18n.ts";
import { sourceLine } from "../interactions/views/source-line.ts";
import { highlighted } from "../interactions/views/text.ts";
import { shownId } from "../library/ids.ts";
import { answerVerdict, type SearchResult } from "../search/types.ts";
import { plainText, type TextStyle } from "./text.ts";

/** What the check found of one passage (see views/cite.ts), one line each. */
function verdictLines(r: SearchResult): string[] {
  const t = texts("en");
  return [
    ...r.differences.map((d) => t.textSays(d.text, d.query)),
    ...(r.missing.length > 0 ? [t.notInText(r.missing.join(", "))] : []),
    ...(r.verdict === "backs" ? [t.verdictBacks] : []),
  ];
}

/**
 * Cited passages as terminal text: first whether any backs the query, then per passage its
 * source line with passage id and offsets, what the check found, and the quote.
 */
export function renderCitations(
  query: string,
  results: readonly SearchResult[],
  style: TextStyle,
): string {
  if (results.length === 0) return "Nothing found.\n";
  const t = texts("en");
  const head =
    answerVerdict(results) === "none"
      ? `${plainText(t.noSource(query), style, 0)}\nNearest passages, not backing it:\n\n`
      : "";
  return (
    head +
    results
      .map(
        (r, i) =>
          `${i + 1}. ${sourceLine(r)}  [${shownId(r.passageId)}, chars ${r.start}–${r.end}, ${r.verdict}]\n` +
          verdictLines(r)
            .map((line) => `   ${plainText(line, style, 0)}\n`)
            .join("") +
          `   ${plainText(highlighted(r.text, r.highlights), style, 0)}\n`,
      )
      .join("\n")
  );
}

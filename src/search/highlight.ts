import { analyze } from "./analyzer.ts";
import { stemMatch } from "./query.ts";

/** A matched word, as UTF-16 offsets into the passage text. */
export interface Highlight {
  readonly start: number;
  readonly end: number;
}

/**
 * The words of `text` that match the query stems, merged where they touch or only spaces part
 * them. A hyphenated group is
 * marked part by part, and as a whole only when the whole is what was searched for.
 */
export function highlight(text: string, stems: readonly string[]): Highlight[] {
  if (stems.length === 0) return [];
  const ranges: Highlight[] = [];
  for (const term of analyze(text)) {
    const matches = stems.some((q) => {
      const m = stemMatch(q, term.stem);
      return term.joined ? m === "exact" : m !== null;
    });
    if (matches) ranges.push({ start: term.start, end: term.end });
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    // Words separated only by spaces read as one marked phrase: "**erste Reihe**".
    if (last && (r.start <= last.end || /^[ \t]+$/.test(text.slice(last.end, r.start)))) {
      if (r.end > last.end) merged[merged.length - 1] = { start: last.start, end: r.end };
    } else {
      merged.push(r);
    }
  }
  return merged;
}

import type { Term } from "./analyzer.ts";
import type { QueryMatcher } from "./matcher.ts";

/** A matched word, as UTF-16 offsets into the passage text. */
export interface Highlight {
  readonly start: number;
  readonly end: number;
}

/**
 * The words of a text (its analysed terms) that match the query as evidence, merged where they touch or
 * only spaces part them. A hyphenated group is marked part by part, and as a whole only when the
 * whole is what was searched for.
 */
export function highlight(
  text: string,
  terms: readonly Term[],
  matcher: QueryMatcher,
): Highlight[] {
  const ranges: Highlight[] = [];
  for (const term of terms) {
    // Only what the verdict counts is marked: bold reads as evidence.
    const hits = matcher.hits(term.stem).filter((h) => h.evidence);
    if (term.joined ? hits.some((h) => h.exact) : hits.length > 0)
      ranges.push({ start: term.start, end: term.end });
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

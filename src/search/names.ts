import type { Term } from "./analyzer.ts";
import type { QueryMatcher } from "./matcher.ts";

/**
 * What a passage word holding a required word of the query is worth when it is only the first
 * word of a longer name there that the query does not go on with: "Tim" of "Tim Cook",
 * "Washington" of "Washington Post" name someone or something else. Tuned on the evidence sets
 * (0.2–0.4 gave the same rates).
 */
export const NAME_PART_CREDIT = 0.3;

const CAPITAL = /^\p{Lu}/u;

/**
 * The most each required word of the query can count as held in a passage, by concept:
 * NAME_PART_CREDIT when every place the passage holds it is the start of a longer name.
 * Concepts not listed count as aligned.
 */
export function namePartCredits(
  required: readonly boolean[],
  matcher: QueryMatcher,
  positions: readonly { at: number; concept: number }[],
  terms: readonly Term[],
  text: string,
): Map<number, number> {
  const best = new Map<number, number>();
  for (const { at, concept } of positions) {
    if (!required[concept]) continue;
    const credit = startsLongerName(terms[at] as Term, terms[at + 1], matcher, text)
      ? NAME_PART_CREDIT
      : 1;
    best.set(concept, Math.max(best.get(concept) ?? 0, credit));
  }
  return best;
}

/** Whether a capitalised word runs on into another that the query does not hold ("Tim Cook"). */
function startsLongerName(
  term: Term,
  next: Term | undefined,
  matcher: QueryMatcher,
  text: string,
): boolean {
  return (
    next !== undefined &&
    CAPITAL.test(text.slice(term.start, term.end)) &&
    /^\s+$/.test(text.slice(term.end, next.start)) &&
    CAPITAL.test(text.slice(next.start, next.end)) &&
    matcher.hits(next.stem).length === 0
  );
}

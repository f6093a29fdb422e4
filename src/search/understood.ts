import type { Term } from "./analyzer.ts";
import type { QueryMatcher } from "./matcher.ts";
import type { FormOrigin, QueryForm } from "./query.ts";

/** A query word that found a passage only through another word: a correction, synonym, translation. */
export interface Understood {
  /** As typed. */
  readonly from: string;
  /** As the passage has it. */
  readonly to: string;
  readonly how: Exclude<FormOrigin, "typed">;
}

/**
 * What a passage was found through, when it was not the words as typed: for each query word
 * that the passage does not hold itself, the passage's word that stood in for it (its first
 * occurrence, of the best-credited form the passage holds).
 */
export function understoodIn(
  text: string,
  terms: readonly Term[],
  matcher: QueryMatcher,
): Understood[] {
  const typedHeld = new Set<number>();
  const firstTerm = new Map<QueryForm, Term>();
  for (const term of terms) {
    for (const hit of matcher.hits(term.stem)) {
      // "Read as" names only the bridges the verdict counted.
      if (!hit.evidence) continue;
      if (hit.form.origin === "typed") typedHeld.add(hit.concept);
      else if (!firstTerm.has(hit.form)) firstTerm.set(hit.form, term);
    }
  }
  const notes: Understood[] = [];
  matcher.concepts.forEach((concept, i) => {
    if (!concept.counts || typedHeld.has(i)) return;
    const stand = [...concept.forms]
      .filter((f) => f.origin !== "typed" && firstTerm.has(f))
      .sort((a, b) => b.credit - a.credit)[0];
    const term = stand && firstTerm.get(stand);
    if (!stand || !term) return;
    const to = text.slice(term.start, term.end);
    if (to.toLowerCase() === concept.word.toLowerCase()) return;
    notes.push({ from: concept.word, to, how: stand.origin as Understood["how"] });
  });
  return notes;
}

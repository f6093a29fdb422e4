import { type QueryConcept, stemMatch } from "./query.ts";

/**
 * How close together a passage holds the query's words: over the shortest stretch of the
 * passage (counted in indexed words) that holds every query word it holds at all, the share of
 * that stretch they fill. 1 when they stand side by side; 0 when fewer than two are there.
 */
export function proximity(concepts: readonly QueryConcept[], stems: readonly string[]): number {
  const hits: { at: number; concept: number }[] = [];
  concepts.forEach((concept, i) => {
    if (!concept.counts) return;
    stems.forEach((stem, at) => {
      if (concept.forms.some((f) => stemMatch(f.stem, stem) !== null))
        hits.push({ at, concept: i });
    });
  });
  const distinct = new Set(hits.map((h) => h.concept)).size;
  if (distinct < 2) return 0;
  hits.sort((a, b) => a.at - b.at);
  // The shortest window holding all `distinct` concepts (two pointers over the hits).
  const inWindow = new Map<number, number>();
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (const hit of hits) {
    inWindow.set(hit.concept, (inWindow.get(hit.concept) ?? 0) + 1);
    while (inWindow.size === distinct) {
      const first = hits[left] as { at: number; concept: number };
      best = Math.min(best, hit.at - first.at + 1);
      const n = (inWindow.get(first.concept) ?? 1) - 1;
      if (n === 0) inWindow.delete(first.concept);
      else inWindow.set(first.concept, n);
      left++;
    }
  }
  return distinct / best;
}

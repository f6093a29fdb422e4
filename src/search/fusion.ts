/** One ranking of passages by one signal, best first. */
export interface RankedList {
  readonly source: string;
  readonly weight: number;
  readonly docids: readonly number[];
  /** How strongly each entry matched (0–1); 1 for all when absent. */
  readonly strengths?: readonly number[];
}

/** Reciprocal-rank fusion's damping constant: higher flattens the gap between ranks. */
const RRF_K = 20;

/**
 * Weighted reciprocal-rank fusion: each source adds weight × strength / (k + rank). Ranks carry
 * most of it, so sources on different scales (BM25, coverage, claims) mix without calibration;
 * a strength lets a source say that its best hit is only a weak one.
 */
export function fuseRankings(lists: readonly RankedList[], k = RRF_K): Map<number, number> {
  const fused = new Map<number, number>();
  for (const list of lists) {
    list.docids.forEach((docid, index) => {
      const strength = list.strengths?.[index] ?? 1;
      fused.set(docid, (fused.get(docid) ?? 0) + (list.weight * strength) / (k + index + 1));
    });
  }
  return fused;
}

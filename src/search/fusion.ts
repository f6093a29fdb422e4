/** One ranking of passages by one signal, best first. */
export interface RankedList {
  readonly source: string;
  readonly weight: number;
  readonly docids: readonly number[];
}

/** Reciprocal-rank fusion's damping constant: higher flattens the gap between ranks. */
export const RRF_K = 20;

/**
 * Weighted reciprocal-rank fusion: each source adds weight / (k + rank). Ranks, not raw scores,
 * are combined, so sources on different scales (BM25, coverage, claims) mix without calibration.
 */
export function fuseRankings(lists: readonly RankedList[], k = RRF_K): Map<number, number> {
  const fused = new Map<number, number>();
  for (const list of lists) {
    list.docids.forEach((docid, index) => {
      fused.set(docid, (fused.get(docid) ?? 0) + list.weight / (k + index + 1));
    });
  }
  return fused;
}

/** The IDF-weighted share (0–1) of the query stems a text holds, matched exactly (English claim text). */
export function stemCoverage(
  queryStems: readonly string[],
  stems: readonly string[],
  idf: (stem: string) => number,
): number {
  const present = new Set(stems);
  let total = 0;
  let covered = 0;
  for (const q of new Set(queryStems)) {
    const w = idf(q);
    total += w;
    if (present.has(q)) covered += w;
  }
  return total > 0 ? covered / total : 0;
}

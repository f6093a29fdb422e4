import { type QueryConcept, stemMatch } from "./query.ts";

/** Credit of a compound match ("Einführung" in "Amtseinführung") against an exact one. */
const COMPOUND_CREDIT = 0.7;

/**
 * The IDF-weighted share (0–1) of the query's concepts that a document's stems contain: exact
 * forms count fully, compounds and parts/corrections count less.
 */
export function conceptCoverage(
  concepts: readonly QueryConcept[],
  stems: readonly string[],
  idf: (stem: string) => number,
): number {
  let total = 0;
  let covered = 0;
  for (const concept of concepts) {
    if (!concept.counts) continue;
    const weight = Math.min(...concept.forms.map((f) => idf(f.stem)));
    total += weight;
    let credit = 0;
    for (const form of concept.forms) {
      for (const s of stems) {
        const m = stemMatch(form.stem, s);
        const c =
          m === "exact" ? form.credit : m === "compound" ? form.credit * COMPOUND_CREDIT : 0;
        if (c > credit) credit = c;
      }
    }
    covered += credit * weight;
  }
  return total > 0 ? covered / total : 0;
}

/** The same for plain stems matched exactly (English claim text). */
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

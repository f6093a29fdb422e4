import { analyze } from "./analyzer.ts";
import { type FormOrigin, type QueryConcept, stemMatch } from "./query.ts";

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
 * that the passage does not hold itself, the passage's word that stood in for it.
 */
export function understoodIn(text: string, concepts: readonly QueryConcept[]): Understood[] {
  const terms = analyze(text);
  const holds = (stem: string) => terms.find((t) => stemMatch(stem, t.stem) !== null);
  const notes: Understood[] = [];
  for (const concept of concepts) {
    if (!concept.counts) continue;
    if (concept.forms.some((f) => f.origin === "typed" && holds(f.stem))) continue;
    const stand = [...concept.forms]
      .filter((f) => f.origin !== "typed")
      .sort((a, b) => b.credit - a.credit)
      .map((f) => ({ form: f, term: holds(f.stem) }))
      .find((x) => x.term !== undefined);
    if (!stand?.term) continue;
    const to = text.slice(stand.term.start, stand.term.end);
    if (to.toLowerCase() === concept.word.toLowerCase()) continue;
    notes.push({ from: concept.word, to, how: stand.form.origin as Understood["how"] });
  }
  return notes;
}

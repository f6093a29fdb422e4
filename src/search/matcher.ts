import { type QueryConcept, type QueryForm, searchForms } from "./query.ts";
import { MIN_AFFIX_LENGTH } from "./vocabulary.ts";

/** Credit of a compound match ("Einführung" in "Amtseinführung") against an exact one. */
const COMPOUND_CREDIT = 0.7;
/**
 * A compound match is evidence for the verdict only when the rest of the compound is itself a
 * word this long: "Nacht" is no part of "nachtragend", "Prof" none of "Profiteuren". Tuned on
 * test/retrieval/evidence-tune.yaml (3 and 5 let more chat through).
 */
const MIN_EVIDENCE_REST = 4;
/** Linking letters between the parts of a German compound ("Amt-s-einführung"). */
const LINKS = ["es", "en", "s", "n"];

/** A query form found in a stem: which concept it stands for, and how much the match counts. */
export interface FormHit {
  readonly concept: number;
  readonly form: QueryForm;
  readonly credit: number;
  readonly exact: boolean;
  /** Whether the match is evidence for the verdict (see MIN_EVIDENCE_REST). */
  readonly evidence: boolean;
}

const NO_HITS: readonly FormHit[] = [];

/**
 * How the stems of a text relate to the query's forms: each distinct stem is matched once per
 * query (exactly, or as a compound that starts or ends with a form of MIN_AFFIX_LENGTH or more)
 * and remembered, so scoring 60 candidate passages and highlighting the best ones costs one
 * look-up per word.
 */
export class QueryMatcher {
  private readonly exact = new Map<string, FormHit[]>();
  /** Compounds of forms whose compounds the vocabulary listed. */
  private readonly compounds = new Map<string, FormHit[]>();
  /** Forms whose compounds are found by comparing each stem. */
  private readonly affixes: { stem: string; concept: number; form: QueryForm }[] = [];
  private readonly seen = new Map<string, readonly FormHit[]>();
  /** Each counting concept's weight: its forms' lowest IDF (0 for a concept that does not count). */
  readonly weights: readonly number[];
  private readonly totalWeight: number;

  constructor(
    readonly concepts: readonly QueryConcept[],
    idf: (stem: string) => number,
    /** The indexed compounds of a stem, when the vocabulary can list them. */
    affixedBy: (stem: string) => readonly string[] | undefined = () => undefined,
    /** Whether the rest of a compound ("amt" of "amtseinfuhr") is a word of its own. */
    private readonly isWord: (rest: string) => boolean = () => true,
  ) {
    concepts.forEach((concept, i) => {
      for (const form of concept.forms) {
        const exact = {
          concept: i,
          form,
          credit: form.credit,
          exact: true,
          evidence: form.rankOnly !== true,
        };
        add(this.exact, form.stem, exact);
        if (form.stem.length < MIN_AFFIX_LENGTH) continue;
        const compounds = affixedBy(form.stem);
        if (!compounds) {
          this.affixes.push({ stem: form.stem, concept: i, form });
          continue;
        }
        for (const compound of compounds)
          add(this.compounds, compound, this.compoundHit(i, form, compound));
      }
    });
    this.weights = concepts.map((c) => {
      const ranked = searchForms(c);
      return c.counts && ranked.length > 0 ? Math.min(...ranked.map((f) => idf(f.stem))) : 0;
    });
    this.totalWeight = this.weights.reduce((a, b) => a + b, 0);
  }

  /** The query forms a stem holds. */
  hits(stem: string): readonly FormHit[] {
    const known = this.seen.get(stem);
    if (known) return known;
    const exact = this.exact.get(stem);
    const compounds = this.compounds.get(stem);
    if (this.affixes.length === 0 && !(exact && compounds)) {
      const hits = exact ?? compounds ?? NO_HITS;
      this.seen.set(stem, hits);
      return hits;
    }
    const found: FormHit[] = [...(exact ?? NO_HITS), ...(compounds ?? NO_HITS)];
    for (const affix of this.affixes) {
      if (stem !== affix.stem && (stem.startsWith(affix.stem) || stem.endsWith(affix.stem))) {
        found.push(this.compoundHit(affix.concept, affix.form, stem));
      }
    }
    const hits = found.length > 0 ? found : NO_HITS;
    this.seen.set(stem, hits);
    return hits;
  }

  private compoundHit(concept: number, form: QueryForm, compound: string): FormHit {
    const credit = form.credit * COMPOUND_CREDIT;
    const head = compound.startsWith(form.stem);
    const rest = head ? compound.slice(form.stem.length) : compound.slice(0, -form.stem.length);
    const unlinked = LINKS.flatMap((link) =>
      head
        ? rest.startsWith(link)
          ? [rest.slice(link.length)]
          : []
        : rest.endsWith(link)
          ? [rest.slice(0, -link.length)]
          : [],
    );
    // Only an ending after the form ("Trumps", which the stemmer keeps) is the word itself.
    const evidence = [rest, ...unlinked].some(
      (part) => (head && part === "") || (part.length >= MIN_EVIDENCE_REST && this.isWord(part)),
    );
    return { concept, form, credit, exact: false, evidence: evidence && form.rankOnly !== true };
  }

  /**
   * The alignment of a text's stems with the query's concepts, in one pass: for each concept the
   * best credit the text gives it (0 when absent) and the form that gave it, and where in the
   * text concepts stand. Ranking (coverage, proximity) and the verdict both read it.
   */
  align(stems: readonly string[]): Alignment {
    const credit = new Float64Array(this.concepts.length);
    const evidence = new Float64Array(this.concepts.length);
    const forms: (QueryForm | undefined)[] = this.concepts.map(() => undefined);
    const positions: { at: number; concept: number }[] = [];
    stems.forEach((stem, at) => {
      for (const hit of this.hits(stem)) {
        if (hit.form.verdictOnly) {
          if (hit.evidence && hit.credit > (evidence[hit.concept] as number))
            evidence[hit.concept] = hit.credit;
          continue;
        }
        if (hit.credit > (credit[hit.concept] as number)) {
          credit[hit.concept] = hit.credit;
          forms[hit.concept] = hit.form;
        }
        if (hit.evidence && hit.credit > (evidence[hit.concept] as number))
          evidence[hit.concept] = hit.credit;
        if (this.weights[hit.concept] === 0) continue;
        const last = positions[positions.length - 1];
        if (last?.at !== at || last.concept !== hit.concept)
          positions.push({ at, concept: hit.concept });
      }
    });
    return { credit, evidence, forms, positions };
  }

  /**
   * The IDF-weighted share (0–1) of the query's concepts a text's stems hold, and how close
   * together: over the shortest stretch holding every concept it holds, the share of that
   * stretch they fill (0 when fewer than two are there).
   */
  score(stems: readonly string[]): { coverage: number; proximity: number } {
    const { credit, positions } = this.align(stems);
    let covered = 0;
    credit.forEach((c, i) => {
      covered += c * (this.weights[i] as number);
    });
    return {
      coverage: this.totalWeight > 0 ? covered / this.totalWeight : 0,
      proximity: shortestWindowShare(positions),
    };
  }
}

/** How a text relates to the query's concepts (see QueryMatcher.align). */
export interface Alignment {
  /** Per concept, the best credit of a form the text holds; 0 when it holds none. */
  readonly credit: Float64Array;
  /** The same, from the matches that are evidence for the verdict (FormHit.evidence). */
  readonly evidence: Float64Array;
  /** Per concept, the form that gave that credit. */
  readonly forms: readonly (QueryForm | undefined)[];
  /** Where counting concepts stand, in text order. */
  readonly positions: readonly { at: number; concept: number }[];
}

function add(map: Map<string, FormHit[]>, stem: string, hit: FormHit): void {
  const list = map.get(stem);
  if (list) list.push(hit);
  else map.set(stem, [hit]);
}

/** The share of the shortest window holding every distinct concept that the window fills. */
function shortestWindowShare(hits: readonly { at: number; concept: number }[]): number {
  const distinct = new Set(hits.map((h) => h.concept)).size;
  if (distinct < 2) return 0;
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

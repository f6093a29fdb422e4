import { stemmer as germanStemmer } from "@orama/stemmers/german";
import { normalizeWord } from "./normalize.ts";
import { GERMAN_STOP_WORDS } from "./stopwords.ts";
import { type Token, tokenize } from "./tokenize.ts";

/** A token with its search term: the German Snowball stem of its normalised form. */
export interface Term extends Token {
  readonly stem: string;
}

const STOP_WORDS = new Set(GERMAN_STOP_WORDS.map(normalizeWord));
const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();

/** German Snowball stem of a normalised word; numbers stay as they are. */
export function stemWord(norm: string): string {
  const cached = stemCache.get(norm);
  if (cached !== undefined) return cached;
  const stem = /^\p{N}+$/u.test(norm) ? norm : germanStemmer(norm);
  // User text flows through here too: the cache is bounded so no input can grow it forever.
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(norm, stem);
  return stem;
}

export function isStopWord(norm: string): boolean {
  return STOP_WORDS.has(norm);
}

/** Tokens of a text that carry meaning (no stop words), with their stems. */
export function analyze(text: string): Term[] {
  const terms: Term[] = [];
  for (const token of tokenize(text)) {
    if (isStopWord(token.norm)) continue;
    terms.push({ ...token, stem: stemWord(token.norm) });
  }
  return terms;
}

/**
 * Indexes texts the way `analyze` does, remembering the stems of each space-separated piece as
 * written ("Trump," and "Tech-Milliardäre"; most pieces of a corpus repeat) and every distinct
 * stem it has seen. No word group spans a space, so the pieces' stems, in order, are the text's.
 * One indexer serves one ingest, so its memory goes with it.
 */
export class StemIndexer {
  private readonly pieces = new Map<string, string>();
  /** Every stem of the texts indexed so far. */
  readonly stems = new Set<string>();

  /** The indexed column of a text: its stems, space-separated, stop words left out. */
  index(text: string): string {
    const stems: string[] = [];
    for (const piece of text.split(" ")) {
      let pieceStems = this.pieces.get(piece);
      if (pieceStems === undefined) {
        const terms = analyze(piece);
        for (const t of terms) this.stems.add(t.stem);
        pieceStems = terms.map((t) => t.stem).join(" ");
        this.pieces.set(piece, pieceStems);
      }
      if (pieceStems !== "") stems.push(pieceStems);
    }
    return stems.join(" ");
  }
}

/** The indexed column of a text (see StemIndexer). */
export function indexStems(text: string): string {
  return new StemIndexer().index(text);
}

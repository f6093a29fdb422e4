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

/** Reversed stem: compound heads ("…einführung") become prefixes that FTS5 can look up. */
export function reverseStem(stem: string): string {
  let out = "";
  for (let i = stem.length - 1; i >= 0; i--) out += stem[i];
  return out;
}

const reversedCache = new Map<string, string>();

/** The two indexed columns of a passage: its stems, and the same stems reversed. */
export function indexColumns(text: string): { stems: string; stemsReversed: string } {
  const stems: string[] = [];
  const reversed: string[] = [];
  for (const token of tokenize(text)) {
    if (isStopWord(token.norm)) continue;
    const stem = stemWord(token.norm);
    let back = reversedCache.get(stem);
    if (back === undefined) {
      back = reverseStem(stem);
      if (reversedCache.size >= STEM_CACHE_LIMIT) reversedCache.clear();
      reversedCache.set(stem, back);
    }
    stems.push(stem);
    reversed.push(back);
  }
  return { stems: stems.join(" "), stemsReversed: reversed.join(" ") };
}

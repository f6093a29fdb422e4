import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type SyntheticCorpus, writeCorpus } from "./corpus-files.ts";

/**
 * The realistic corpus: German-like text whose word frequencies follow Zipf's law and whose
 * vocabulary grows by Heaps' law, with the parameters of bench/README.md (sources there):
 *
 * - Heaps: V(N) = K · N^β distinct words after N tokens, K = 44, β = 0.55. Each token is a new
 *   word with probability dV/dN = K·β·N^(β−1), so the vocabulary follows the law by construction.
 * - Zipf: an old word is drawn by its rank r (order of first use) with P(r) ∝ 1/r (s = 1), by
 *   inverting the continuous CDF: r = ⌊(V+1)^u⌋ for u uniform in [0, 1).
 *
 * New words are the five articles' own words first, most frequent first (so the top ranks are
 * real German function and content words), then generated ones: compounds of two earlier nouns,
 * German-looking words from syllables with German suffixes, and names. Numbers and years are
 * mixed in. Same seed, same corpus.
 */
export const HEAPS = { K: 44, beta: 0.55 } as const;

/** mulberry32: a small fast seeded generator; millions of draws are needed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The articles' words, most frequent first, as they are written. */
function realWords(corpusDir: string): string[] {
  const dir = join(corpusDir, "articles");
  const counts = new Map<string, number>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".md"))) {
    const body = readFileSync(join(dir, file), "utf8").split(/^---$/m)[2] ?? "";
    for (const word of body.match(/\p{L}{2,}/gu) ?? [])
      counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
}

const ONSETS = [
  "b",
  "d",
  "f",
  "g",
  "h",
  "k",
  "l",
  "m",
  "n",
  "p",
  "r",
  "s",
  "t",
  "w",
  "z",
  "br",
  "dr",
  "fl",
  "gr",
  "kr",
  "pf",
  "schl",
  "schw",
  "sp",
  "st",
  "str",
  "tr",
  "zw",
];
const VOWELS = ["a", "e", "i", "o", "u", "ä", "ö", "ü", "ei", "au", "ie", "eu"];
const CODAS = ["", "", "n", "r", "l", "s", "t", "ch", "ck", "ng", "nd", "rt", "st", "tz"];
const NOUN_SUFFIXES = ["ung", "heit", "keit", "schaft", "tum", "nis", "er", "e", "el", "en"];
const OTHER_SUFFIXES = ["en", "lich", "isch", "ig", "bar", "ern", "t", "te"];

export function generateRealisticCorpus(
  corpusDir: string,
  outDir: string,
  passages: number,
  seed = 7,
): SyntheticCorpus {
  const random = generator(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const real = realWords(corpusDir);
  const vocabulary: string[] = [];
  const nouns: string[] = [];
  const compounds: string[] = [];
  /** Nouns that are no compounds themselves: the parts of new compounds. */
  const simpleNouns: string[] = [];
  const known = new Set<string>();
  let nextReal = 0;

  const syllable = () => `${pick(ONSETS)}${pick(VOWELS)}${pick(CODAS)}`;
  let isCompound = false;
  const newWord = (): string => {
    isCompound = false;
    while (nextReal < real.length) {
      const word = real[nextReal++] as string;
      if (!known.has(word)) return word;
    }
    const roll = random();
    if (roll < 0.45 && simpleNouns.length > 10) {
      const head = pick(simpleNouns);
      const tail = pick(simpleNouns).toLowerCase();
      isCompound = true;
      return `${head}${random() < 0.3 ? "s" : ""}${tail}`;
    }
    const stem = `${syllable()}${random() < 0.6 ? syllable() : ""}`;
    if (roll < 0.85) {
      const noun = `${stem}${pick(NOUN_SUFFIXES)}`;
      return `${noun[0]?.toUpperCase()}${noun.slice(1)}`;
    }
    if (roll < 0.93) return `${stem}${pick(OTHER_SUFFIXES)}`;
    const name = `${stem}${pick(["", "er", "mann", "ow", "i"])}`;
    return `${name[0]?.toUpperCase()}${name.slice(1)}`;
  };

  let tokenCount = 0;
  const nextToken = (): string => {
    tokenCount++;
    if (random() < 0.015) {
      const n = Math.floor(10 ** (1 + random() * 5));
      return random() < 0.3 ? String(1950 + Math.floor(random() * 75)) : n.toLocaleString("de-DE");
    }
    const pNew = Math.min(1, HEAPS.K * HEAPS.beta * tokenCount ** (HEAPS.beta - 1));
    if (vocabulary.length === 0 || random() < pNew) {
      let word = newWord();
      while (known.has(word)) word = `${word}${pick(VOWELS)}`;
      known.add(word);
      vocabulary.push(word);
      if (/^\p{Lu}\p{Ll}{3,}$/u.test(word)) {
        nouns.push(word);
        if (isCompound) compounds.push(word);
        else if (word.length <= 12) simpleNouns.push(word);
      }
      return word;
    }
    const rank = Math.floor((vocabulary.length + 1) ** random());
    return vocabulary[Math.min(vocabulary.length, Math.max(1, rank)) - 1] as string;
  };

  const sentence = (): string => {
    const length = 6 + Math.floor(random() * 18);
    const words = Array.from({ length }, nextToken);
    const first = words[0] as string;
    words[0] = `${first[0]?.toUpperCase()}${first.slice(1)}`;
    const commaAt = length > 10 ? 3 + Math.floor(random() * (length - 6)) : -1;
    return `${words.map((w, i) => (i === commaAt ? `${w},` : w)).join(" ")}.`;
  };

  function* paragraphs() {
    for (let written = 0; written < passages; written++) {
      const sentences = [sentence()];
      const target = 250 + Math.floor(random() * 650);
      while (sentences.join(" ").length < target) sentences.push(sentence());
      yield { text: sentences.join(" "), firstSentence: sentences[0] as string };
    }
  }
  return {
    name: "realistic",
    dir: outDir,
    // Writing drains the generator, so the counts below are read once the text is complete.
    ...writeCorpus(outDir, paragraphs()),
    types: vocabulary.length,
    tokens: tokenCount,
    nouns: nouns.slice(0, 5000),
    compounds: compounds.slice(0, 5000),
  };
}

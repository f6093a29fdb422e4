import { ENGLISH_FILLER, GERMAN_FILLER } from "./filler-lexicon.ts";
import { normalizeWord } from "./normalize.ts";
import type { Token } from "./tokenize.ts";

/** The filler phrases as normalised words, by their first word, longest first. */
const PHRASES = new Map<string, string[][]>();
for (const line of `${GERMAN_FILLER}\n${ENGLISH_FILLER}`.split("\n")) {
  const words = line.trim().split(/\s+/).filter(Boolean).map(normalizeWord);
  const first = words[0];
  if (first === undefined) continue;
  const list = PHRASES.get(first) ?? [];
  list.push(words);
  PHRASES.set(first, list);
}
for (const list of PHRASES.values()) list.sort((a, b) => b.length - a.length);

/**
 * The offsets where filler stands in a text's tokens: each token that is part of a filler
 * phrase, the longest phrase at each position first. The joined whole of a hyphenated group is
 * skipped: its parts are what is compared.
 */
export function fillerStarts(tokens: readonly Token[]): Set<number> {
  const words = tokens.filter((t) => !t.joined);
  const filler = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    const phrases = PHRASES.get((words[i] as Token).norm);
    if (!phrases) continue;
    const match = phrases.find((p) => p.every((w, k) => words[i + k]?.norm === w));
    if (!match) continue;
    for (let k = 0; k < match.length; k++) filler.add((words[i + k] as Token).start);
    i += match.length - 1;
  }
  return filler;
}

import { isStopWord } from "./analyzer.ts";
import { isEnglishStopWord } from "./english.ts";
import { DOCUMENT_WORDS, ENGLISH_FILLER, GERMAN_FILLER } from "./filler-lexicon.ts";
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

const DOCUMENTS = new Set(DOCUMENT_WORDS.split(/\s+/).filter(Boolean).map(normalizeWord));
/** The most words a topic before a document word names it by ("buddy economy text"). */
const MAX_TOPIC_WORDS = 2;
/** Punctuation between two words: a topic does not reach across it. */
const BREAK = /[.,;:!?()[\]"„“”»«]/;

/**
 * The offsets where filler stands in a text's tokens: each token that is part of a filler
 * phrase, the longest phrase at each position first. The joined whole of a hyphenated group is
 * skipped: its parts are what is compared.
 */
export function fillerStarts(tokens: readonly Token[], text: string): Set<number> {
  const words = tokens.filter((t) => !t.joined);
  const filler = documentReferences(tokens, words, text);
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

/**
 * The offsets of words that name a text being read: a document word ("Text", "Artikel"), the
 * other parts of its hyphenated group ("Technofeudalismus-Text"), and up to MAX_TOPIC_WORDS
 * words right before it that are no stop words, numbers or filler ("den buddy economy text").
 * Words after it are kept: "was steht im Text über DOGE" asks about DOGE.
 */
function documentReferences(
  tokens: readonly Token[],
  words: readonly Token[],
  text: string,
): Set<number> {
  const named = new Set<number>();
  const groups = tokens.filter((t) => t.joined);
  words.forEach((word, i) => {
    if (!DOCUMENTS.has(word.norm)) return;
    named.add(word.start);
    // A document word heading its group names a text by the rest of it: "Technofeudalismus-Text".
    const group = groups.find((g) => g.start <= word.start && word.end === g.end);
    if (group) {
      for (const part of words)
        if (group.start <= part.start && part.end <= group.end) named.add(part.start);
      return;
    }
    for (let j = i - 1, taken = 0; j >= 0 && taken < MAX_TOPIC_WORDS; j--, taken++) {
      const before = words[j] as Token;
      const next = words[j + 1] as Token;
      if (BREAK.test(text.slice(before.end, next.start))) break;
      if (isStopWord(before.norm) || isEnglishStopWord(before.norm) || /\p{N}/u.test(before.norm))
        break;
      if (DOCUMENTS.has(before.norm) || PHRASES.has(before.norm)) break;
      named.add(before.start);
    }
  });
  return named;
}

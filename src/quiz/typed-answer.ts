import { normalizeAnswer } from "../corpus/claim-rules.ts";
import { boundedEditDistance } from "../search/vocabulary.ts";
import { findNumbers } from "./numbers.ts";

/** Letters and digits only, folded (case, umlauts and their ae/oe/ue spellings, accents). */
const fold = (text: string) =>
  normalizeAnswer(text.replace(/[^\p{L}\p{N}]+/gu, " ").trim()).replace(/\s+/g, " ");

/** A separator counts as a thousands separator only before three digits: "1,5" is not "15". */
const numbersOf = (text: string) => findNumbers(text).map((n) => n.value);

/** Typos forgiven grow with the answer: none up to 3 letters, then one per 5 letters, at most 3. */
export function allowedTypos(length: number): number {
  if (length <= 3) return 0;
  return Math.min(3, Math.ceil((length - 3) / 5));
}

const close = (given: string, wanted: string) => {
  const allowed = allowedTypos(wanted.length);
  return boundedEditDistance(given, wanted, allowed + 1) <= allowed;
};

/**
 * Words a player may put around the answer without changing it ("die SEC", "in Venedig"); any
 * other word may make it another answer ("Hunter Biden" is not "Biden").
 */
const FILLERS = new Set(
  "der die das den dem des ein eine einen einem einer the a an von vom of in im am bei zu zum zur mr herr frau".split(
    " ",
  ),
);

/** The accepted answer's words, in order, with only filler words around them. */
function holdsAnswer(givenWords: readonly string[], wantedWords: readonly string[]): boolean {
  const extra = givenWords.length - wantedWords.length;
  for (let at = 0; at <= extra && extra > 0; at++) {
    const around = [...givenWords.slice(0, at), ...givenWords.slice(at + wantedWords.length)];
    if (
      around.every((w) => FILLERS.has(w)) &&
      wantedWords.every((w, i) => close(givenWords[at + i] as string, w))
    )
      return true;
  }
  return false;
}

/**
 * Whether a typed answer counts as one of the accepted ones: the same once case, umlauts and
 * punctuation are folded, within a few typos (more for longer answers), also with articles or
 * prepositions around it ("die SEC", "in Venedig"), or for an answer with a number, the same number ("175 Milliarden" for
 * "175 billion dollars", "fast 9.000" for "9000").
 */
export function typedAnswerMatches(typed: string, accepted: readonly string[]): boolean {
  const given = fold(typed);
  if (given === "") return false;
  const givenNumbers = numbersOf(typed);
  const givenWords = given.split(" ");
  return accepted.some((answer) => {
    const wanted = fold(answer);
    if (wanted === "") return false;
    const wantedNumbers = numbersOf(answer);
    if (wantedNumbers.length > 0)
      return givenNumbers.length > 0 && givenNumbers.join() === wantedNumbers.join();
    return close(given, wanted) || holdsAnswer(givenWords, wanted.split(" "));
  });
}

import { normalizeAnswer } from "../corpus/claim-rules.ts";
import { boundedEditDistance } from "../search/vocabulary.ts";
import { findAmounts, sameAmounts } from "./amounts.ts";

/** "S.E.C." and "U.S." are the initialisms "SEC" and "US". */
const joinInitialisms = (text: string) =>
  text.replace(/(?:\b\p{L}\.){2,}/gu, (m) => m.replace(/\./g, ""));

/** The words of a text, folded (case, umlauts and their ae/oe/ue spellings, accents). */
const wordsOf = (text: string): string[] => {
  const folded = normalizeAnswer(
    joinInitialisms(text)
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim(),
  );
  return folded === "" ? [] : folded.split(" ");
};

/** Typos forgiven grow with the word: none up to 3 letters, then one per 5 letters, at most 3. */
export function allowedTypos(length: number): number {
  if (length <= 3) return 0;
  return Math.min(3, Math.ceil((length - 3) / 5));
}

/**
 * Whether the longer word is the shorter with one block of two or more letters put in: a
 * syllable or a morpheme ("De-con-struction", "Amazon-as"), another word, not a slip of a key.
 */
function addsBlock(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length < 2) return false;
  let head = 0;
  while (head < short.length && short[head] === long[head]) head++;
  return long.endsWith(short.slice(head));
}

const distance = (given: string, wanted: string) =>
  boundedEditDistance(given, wanted, allowedTypos(wanted.length) + 1);

/** The wanted word with a few slips of the key (more for longer words), not another word. */
export function typoOf(given: string, wanted: string): boolean {
  if (given === wanted) return true;
  return distance(given, wanted) <= allowedTypos(wanted.length) && !addsBlock(given, wanted);
}

/**
 * Words that turn an answer into another one: a negation or a second answer beside it ("nicht
 * die SEC", "SEC und FTC").
 */
const TURNING = new Set(
  "nicht kein keine keiner keinen sondern statt anstatt ausser oder und sowie bzw weder noch not no nor neither or and but instead except versus vs".split(
    " ",
  ),
);

/**
 * Words that may stand in front of a surname in a given name's place: "Präsident Putin" is
 * Putin, "Hunter Biden" is not Joe Biden.
 */
const TITLES = new Set(
  "prasident president vizeprasident vice senator senatorin gouverneur governor minister ministerin kanzler chancellor ceo chef chefin boss grunder grunderin founder milliardar milliardarin billionaire investor investorin unternehmer unternehmerin entrepreneur tech dr prof herr frau mr mrs ms sir us amerikaner american der die the".split(
    " ",
  ),
);

/** Where the wanted words stand in the given ones, each within its typos; -1 if nowhere. */
function findWords(
  given: readonly string[],
  wanted: readonly string[],
): { at: number; length: number } | undefined {
  const joined = wanted.join("");
  for (let at = 0; at < given.length; at++) {
    if (wanted.every((w, i) => given[at + i] !== undefined && typoOf(given[at + i] as string, w)))
      return { at, length: wanted.length };
    // Compounds written together or apart: "SpaceX" / "Space X", "All-In" / "AllIn".
    for (let length = 1; length <= wanted.length + 1 && at + length <= given.length; length++) {
      if (length === wanted.length) continue;
      if (typoOf(given.slice(at, at + length).join(""), joined)) return { at, length };
    }
  }
  return undefined;
}

/** Whether the words hold a rival name whole (each word within its typos). */
const holdsName = (words: readonly string[], name: readonly string[]) =>
  name.length > 0 && findWords(words, name) !== undefined;

export interface TypedContext {
  /** Other names a player may mean (the question's wrong options, the corpus's other answers). */
  readonly rivals?: readonly string[];
}

/**
 * Whether a typed answer says the accepted one.
 * - Amounts: the same value with its scale and unit ("234 Mrd. $" and "234 billion dollars" for
 *   "234 Milliarden Dollar", not "234 million dollars"); other words around it do not matter.
 * - Names and terms: the accepted words in order, each within a few typos that do not put in or
 *   leave out a whole syllable ("Destruction" is not "Deconstruction"), initialisms with or
 *   without dots; descriptive words around them are fine ("Reuters news agency", "Präsident
 *   Putin") unless they negate or add an answer ("nicht die SEC", "SEC und FTC"), name a rival
 *   (another option or answer of the corpus), or stand in a given name's place ("Hunter Biden"
 *   where "Joe Biden" is wanted).
 */
export function typedAnswerMatches(
  typed: string,
  accepted: readonly string[],
  context: TypedContext = {},
): boolean {
  const given = wordsOf(typed);
  if (given.length === 0) return false;
  const forms = accepted.map(wordsOf).filter((w) => w.length > 0);
  const acceptedWords = new Set(forms.flat());
  const rivals = (context.rivals ?? [])
    .map(wordsOf)
    .filter((r) => r.length > 0 && !r.every((w) => acceptedWords.has(w)));
  // A unit any accepted form names is the unit: "175 Milliarden" does not make euros right.
  const units = new Set(accepted.flatMap((a) => findAmounts(a).flatMap((x) => x.unit ?? [])));
  return accepted.some((answer) => {
    const wanted = wordsOf(answer);
    if (wanted.length === 0) return false;
    const wantedAmounts = findAmounts(answer);
    if (wantedAmounts.length > 0 && /\d/.test(answer)) {
      const typedAmounts = findAmounts(typed);
      return (
        !given.some((w) => TURNING.has(w)) &&
        typedAmounts.every((a) => !a.unit || units.size === 0 || units.has(a.unit)) &&
        sameAmounts(typedAmounts, wantedAmounts)
      );
    }
    const found = findWords(given, wanted);
    if (!found) return false;
    const extra = [...given.slice(0, found.at), ...given.slice(found.at + found.length)];
    if (extra.some((w) => TURNING.has(w) || /\d/.test(w))) return false;
    // Another name beside the answer, or a slip that lands nearer another name than the answer.
    const window = given.slice(found.at, found.at + found.length).join(" ");
    const off = boundedEditDistance(window, wanted.join(" "), 4);
    if (
      rivals.some((r) => holdsName(extra, r) || boundedEditDistance(window, r.join(" "), off) < off)
    )
      return false;
    // A longer accepted form ending in this one names who is meant ("Joe" of "Joe Biden").
    const before = given[found.at - 1];
    const namedBy = forms.filter(
      (f) => f.length > wanted.length && f.slice(-wanted.length).join(" ") === wanted.join(" "),
    );
    if (before !== undefined && namedBy.length > 0 && !TITLES.has(before))
      return namedBy.some((f) => typoOf(before, f[f.length - wanted.length - 1] as string));
    return true;
  });
}

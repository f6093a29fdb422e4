import { normalizeAnswer } from "../corpus/claim-rules.ts";
import { boundedEditDistance } from "../search/vocabulary.ts";
import { findAmounts, sameAmounts } from "./amounts.ts";

/** "S.E.C." and "U.S." are the initialisms "SEC" and "US". */
const joinInitialisms = (text: string) =>
  text.replace(/(?:\b\p{L}\.){2,}/gu, (m) => m.replace(/\./g, ""));

/** The words of a text as typed, split at anything but letters and digits. */
const rawWordsOf = (text: string): string[] => {
  // "Bezos's Blue Origin": the English possessive is no word of its own.
  const spaced = joinInitialisms(text.replace(/['’]s\b/gu, ""))
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return spaced === "" ? [] : spaced.split(" ");
};

type Fold = (word: string) => string;

/**
 * Words are compared folded (case, umlauts and their ae/oe/ue spellings, accents), and failing
 * that only without case and accents: "Vouge" is a slip for "Vogue", whose "ue" the first
 * folding reads as an umlaut.
 */
const FOLDS: readonly Fold[] = [
  normalizeAnswer,
  (word) =>
    word
      .toLowerCase()
      .replace(/ß/g, "ss")
      .normalize("NFD")
      .replace(/\p{M}+/gu, ""),
];

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

/** A letter typed twice or once too few: "Trumpp", "Al In". */
const undoubled = (word: string) => word.replace(/(\p{L})\1+/gu, "$1");

/**
 * Roman numerals and numbers are read exactly: "Louis XV" is not "Louis XIV". A numeral is one
 * that is well formed, so a word of those letters ("civic") keeps its typo tolerance.
 */
const EXACT = /^(?:(?=[ivxlcdm])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})|\d+)$/;

/** The wanted word with a few slips of the key (more for longer words), not another word. */
export function typoOf(given: string, wanted: string): boolean {
  if (given === wanted) return true;
  if (EXACT.test(wanted)) return false;
  if (undoubled(given) === undoubled(wanted)) return true;
  return distance(given, wanted) <= allowedTypos(wanted.length) && !addsBlock(given, wanted);
}

/**
 * A phrase with its slips counted over the whole of it ("Golden Doom" for "Golden Dome"), as
 * long as its short words, numerals and numbers stand as they are.
 */
function phraseTypoOf(given: readonly string[], wanted: readonly string[]): boolean {
  if (given.length !== wanted.length || wanted.length < 2) return false;
  const exactWords = wanted.every(
    (w, i) => (w.length > 3 && !EXACT.test(w)) || undoubled(given[i] as string) === undoubled(w),
  );
  return exactWords && typoOf(given.join(" "), wanted.join(" "));
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
  "prasident president vizeprasident vice senator senatorin gouverneur governor minister ministerin kanzler chancellor ceo chef chefin boss grunder grunderin founder milliardar milliardarin billionaire investor investorin unternehmer unternehmerin entrepreneur okonom okonomin economist philosoph philosophin philosopher autor autorin author schriftsteller schriftstellerin writer berater beraterin adviser advisor general graf count dr prof herr frau mr mrs ms sir us".split(
    " ",
  ),
);

/** Articles and prepositions around an answer ("die SEC", "in Venedig"). */
const LINKING = new Set(
  "der die das den dem des ein eine einen einem einer the a an in im am auf bei von vom zu zum zur of at on to".split(
    " ",
  ),
);

/**
 * Where the wanted words stand in the given ones, word by word or written together or apart
 * ("SpaceX" / "Space X", "All-In" / "AllIn"), each within its typos: the closest such place.
 */
function findWords(
  given: readonly string[],
  wanted: readonly string[],
): { at: number; length: number } | undefined {
  const joined = wanted.join("");
  let best: { at: number; length: number; off: number } | undefined;
  const consider = (at: number, length: number) => {
    const off = boundedEditDistance(given.slice(at, at + length).join(""), joined, 4);
    if (!best || off < best.off) best = { at, length, off };
  };
  for (let at = 0; at < given.length; at++) {
    const window = given.slice(at, at + wanted.length);
    if (
      window.length === wanted.length &&
      (wanted.every((w, i) => typoOf(window[i] as string, w)) || phraseTypoOf(window, wanted))
    )
      consider(at, wanted.length);
    for (let length = 1; length <= wanted.length + 1 && at + length <= given.length; length++) {
      if (length !== wanted.length && typoOf(given.slice(at, at + length).join(""), joined))
        consider(at, length);
    }
  }
  return best && { at: best.at, length: best.length };
}

/** Whether the words hold a rival name whole (each word within its typos). */
const holdsName = (words: readonly string[], name: readonly string[]) =>
  name.length > 0 && findWords(words, name) !== undefined;

export interface TypedContext {
  /** Other names a player may mean (the question's wrong options, the corpus's other answers). */
  readonly rivals?: readonly string[];
  /** The answer is a person: a word in front of the surname must be the given name or a title. */
  readonly person?: boolean;
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
  return FOLDS.some((fold) => matchesFolded(typed, accepted, context, fold));
}

function matchesFolded(
  typed: string,
  accepted: readonly string[],
  context: TypedContext,
  fold: Fold,
): boolean {
  const wordsOf = (text: string) => rawWordsOf(text).map(fold);
  const raw = rawWordsOf(typed);
  const given = raw.map(fold);
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
    // A slip and more words is another name more often than a slip ("Space Force", "Capital One").
    const content = extra.filter((w) => !TITLES.has(w) && !LINKING.has(w));
    if (off > 0 && window.replace(/ /g, "") !== wanted.join("") && content.length > 0) return false;
    if (
      rivals.some((r) => holdsName(extra, r) || boundedEditDistance(window, r.join(" "), off) < off)
    )
      return false;
    // A longer accepted form ending in this one names who is meant ("Joe" of "Joe Biden").
    // A capitalised word that is no title, right before it, is a given name.
    const before = given[found.at - 1];
    const namedBy = forms.filter(
      (f) => f.length > wanted.length && f.slice(-wanted.length).join(" ") === wanted.join(" "),
    );
    const capitalised = /^\p{Lu}/u.test(raw[found.at - 1] ?? "");
    if (
      context.person &&
      before !== undefined &&
      capitalised &&
      namedBy.length > 0 &&
      !TITLES.has(before)
    )
      return namedBy.some((f) => typoOf(before, f[f.length - wanted.length - 1] as string));
    return true;
  });
}

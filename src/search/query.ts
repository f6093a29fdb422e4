import { MIN_AFFIX_LENGTH, type VocabularyView as Vocabulary } from "./vocabulary.ts";

/** More distinct terms than this add nothing but time; the rest of a long query is ignored. */
export const MAX_QUERY_TERMS = 24;
/** Longer input is cut before analysis: nobody types 10 kB into a search box on purpose. */
export const MAX_QUERY_CHARS = 1000;

/** How a form of a query word was found, and so how much a match on it counts. */
export type FormOrigin = "typed" | "part" | "correction" | "synonym" | "translation";

/** One way to find a query word: its own stem, a part of it, a correction, a synonym, a translation. */
export interface QueryForm {
  readonly stem: string;
  readonly credit: number;
  readonly origin: FormOrigin;
  /**
   * Finds passages but is no evidence for the verdict: a synonym that is an everyday word
   * ("lesen" → "stehen") ranks paraphrases, but a passage holding it does not hold the word.
   */
  readonly rankOnly?: boolean;
  /**
   * Is evidence for the verdict but neither finds nor ranks passages: a synonym of a word the
   * corpus uses ("Firmen" → "Unternehmen") would pull in its other senses' passages, but a
   * passage holding it does hold the word.
   */
  readonly verdictOnly?: boolean;
}

/** The forms that find and rank passages: all but those that are evidence only. */
export const searchForms = (concept: QueryConcept): QueryForm[] =>
  concept.forms.filter((f) => !f.verdictOnly);

/** The stems the query is looked up by (see searchForms). */
export const searchStems = (concepts: readonly QueryConcept[]): string[] =>
  concepts.flatMap((c) => searchForms(c).map((f) => f.stem));

/** A word of the query and the forms that stand for it. */
export interface QueryConcept {
  readonly forms: readonly QueryForm[];
  /**
   * False for the joined whole of a hyphenated word ("amazonboss"), whose parts already count:
   * it still finds passages, but a concept is not counted twice for coverage.
   */
  readonly counts: boolean;
  /** The word as typed, to say what it was understood as. */
  readonly word: string;
  /** Where the word stands in the query (UTF-16 offsets). */
  readonly start: number;
  readonly end: number;
}

/**
 * Parts of a split compound are at least this long: shorter ones are syllables more often than
 * words ("übernehmen" is no compound of "nehm").
 */
const MIN_PART_LENGTH = 5;
/** Words shorter than this are not split into parts. */
const MIN_SPLIT_LENGTH = 8;
/** A start this long may be a start of indexed compounds only ("streaming" of "streamingdienst"). */
const MIN_OPEN_HEAD_LENGTH = 6;

/** Linking letters between the parts of a German compound ("Staat-s-auftrag", "Ende-n-…"). */
const LINKS = ["s", "es", "n", "en"];

const knownHead = (head: string, vocabulary: Vocabulary) =>
  vocabulary.documentFrequency(head) > 0 ||
  (head.length >= MIN_OPEN_HEAD_LENGTH && vocabulary.hasPrefix(head));
const knownTail = (tail: string, vocabulary: Vocabulary) =>
  vocabulary.documentFrequency(tail) > 0 ||
  (tail.length >= MIN_OPEN_HEAD_LENGTH - 1 && vocabulary.hasSuffix(tail));

/**
 * A compound cut into two parts the index knows, linking letters dropped ("staatsauftrag" →
 * "staat", "auftrag"), the most even cut first. Undefined when no cut has both parts known.
 */
function splitInTwo(stem: string, vocabulary: Vocabulary): string[] | undefined {
  let best: { parts: string[]; balance: number } | undefined;
  for (let i = MIN_PART_LENGTH; i <= stem.length - MIN_PART_LENGTH; i++) {
    const head = stem.slice(0, i);
    if (!knownHead(head, vocabulary)) continue;
    const rest = stem.slice(i);
    const tails = [
      rest,
      ...LINKS.filter((l) => rest.startsWith(l)).map((l) => rest.slice(l.length)),
    ];
    const tail = tails.find((t) => t.length >= MIN_PART_LENGTH && knownTail(t, vocabulary));
    if (!tail) continue;
    const balance = Math.min(head.length, tail.length);
    if (!best || balance > best.balance) best = { parts: [head, tail], balance };
  }
  return best?.parts;
}

/**
 * The longest known start and the longest known head of an unknown compound. A head must be an
 * indexed word itself; a start may also be the start of indexed compounds if it is long enough
 * not to be a mere syllable.
 */
export function splitCompound(stem: string, vocabulary: Vocabulary): string[] {
  if (stem.length < MIN_SPLIT_LENGTH) return [];
  const both = splitInTwo(stem, vocabulary);
  if (both) return both;
  const parts: string[] = [];
  // A start may be a short word of its own ("doku" of "dokumentation"), leaving a real rest.
  for (let i = stem.length - MIN_PART_LENGTH; i >= MIN_AFFIX_LENGTH; i--) {
    const head = stem.slice(0, i);
    if (
      vocabulary.documentFrequency(head) > 0 ||
      (head.length >= MIN_OPEN_HEAD_LENGTH && vocabulary.hasPrefix(head))
    ) {
      parts.push(head);
      break;
    }
  }
  for (let j = MIN_PART_LENGTH; j <= stem.length - MIN_PART_LENGTH; j++) {
    const tail = stem.slice(j);
    if (
      vocabulary.documentFrequency(tail) > 0 ||
      (tail.length >= MIN_OPEN_HEAD_LENGTH - 1 && vocabulary.hasSuffix(tail))
    ) {
      parts.push(tail);
      break;
    }
  }
  return [...new Set(parts)];
}

/**
 * Compounds looked up per query word and per query: enough for recall, few enough to keep the
 * query fast (each term costs FTS5 a look-up of its own, ~15 µs even when rare).
 */
const MAX_COMPOUNDS_PER_WORD = 10;
const MAX_COMPOUNDS_PER_QUERY = 24;

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

/**
 * Indexed compounds of the query's forms that are not forms themselves: for forms of
 * MIN_AFFIX_LENGTH or more, the compounds that start or end with them ("einfuhr" → "amtseinfuhr").
 */
export function compoundStems(
  concepts: readonly QueryConcept[],
  vocabulary: Vocabulary,
  expand: (stem: string) => boolean = () => true,
): string[] {
  const forms = new Set(searchStems(concepts));
  const perWord = [...forms]
    .filter((stem) => stem.length >= MIN_AFFIX_LENGTH && expand(stem))
    .map((stem) =>
      vocabulary.compoundsOf(stem, MAX_COMPOUNDS_PER_WORD).filter((c) => !forms.has(c)),
    );
  // Each word's most frequent compounds first, in turn, so every word keeps some.
  const compounds = new Set<string>();
  for (let rank = 0; rank < MAX_COMPOUNDS_PER_WORD; rank++) {
    for (const list of perWord) {
      const compound = list[rank];
      if (compound !== undefined && compounds.size < MAX_COMPOUNDS_PER_QUERY)
        compounds.add(compound);
    }
  }
  return [...compounds];
}

/**
 * FTS5 MATCH expression over the stem column, built only from quoted terms so that no user text
 * is ever read as FTS5 syntax. Null when nothing is left.
 */
export function buildMatchExpression(stems: readonly string[]): string | null {
  if (stems.length === 0) return null;
  return `{stems} : (${stems.map(quote).join(" OR ")})`;
}

/** How a passage stem relates to a query stem: the same word, a compound containing it, or not. */
export function stemMatch(queryStem: string, passageStem: string): "exact" | "compound" | null {
  if (passageStem === queryStem) return "exact";
  if (
    queryStem.length >= MIN_AFFIX_LENGTH &&
    (passageStem.endsWith(queryStem) || passageStem.startsWith(queryStem))
  ) {
    return "compound";
  }
  return null;
}

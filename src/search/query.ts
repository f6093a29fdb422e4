import { analyze } from "./analyzer.ts";
import type { Vocabulary } from "./vocabulary.ts";

/** Query words shorter than this match only whole words, never parts of compounds. */
export const MIN_AFFIX_LENGTH = 4;
/** More distinct terms than this add nothing but time; the rest of a long query is ignored. */
export const MAX_QUERY_TERMS = 24;
/** Longer input is cut before analysis: nobody types 10 kB into a search box on purpose. */
export const MAX_QUERY_CHARS = 1000;

/** Credit of a form found by splitting an unknown compound, or by correcting a typo. */
const PART_CREDIT = 0.5;
const CORRECTION_CREDIT = 0.8;

/** One way to find a query word: its own stem, a part of it, or a corrected spelling. */
export interface QueryForm {
  readonly stem: string;
  readonly credit: number;
}

/** A word of the query and the forms that stand for it. */
export interface QueryConcept {
  readonly forms: readonly QueryForm[];
  /**
   * False for the joined whole of a hyphenated word ("amazonboss"), whose parts already count:
   * it still finds passages, but a concept is not counted twice for coverage.
   */
  readonly counts: boolean;
}

/** The distinct meaningful words of a query, in the order typed. */
export function queryTerms(query: string): { stem: string; joined: boolean }[] {
  const seen = new Map<string, boolean>();
  for (const term of analyze(query.slice(0, MAX_QUERY_CHARS))) {
    if (!seen.has(term.stem)) seen.set(term.stem, term.joined);
    if (seen.size >= MAX_QUERY_TERMS) break;
  }
  return [...seen].map(([stem, joined]) => ({ stem, joined }));
}

/** Words shorter than this are not split into parts. */
const MIN_SPLIT_LENGTH = 8;
/** A start this long may be a start of indexed compounds only ("streaming" of "streamingdienst"). */
const MIN_OPEN_HEAD_LENGTH = 6;

/**
 * The longest known start and the longest known head of an unknown compound. A head must be an
 * indexed word itself; a start may also be the start of indexed compounds if it is long enough
 * not to be a mere syllable.
 */
export function splitCompound(stem: string, vocabulary: Vocabulary): string[] {
  if (stem.length < MIN_SPLIT_LENGTH) return [];
  const parts: string[] = [];
  for (let i = stem.length - MIN_AFFIX_LENGTH; i >= MIN_AFFIX_LENGTH; i--) {
    const head = stem.slice(0, i);
    if (
      vocabulary.documentFrequency(head) > 0 ||
      (head.length >= MIN_OPEN_HEAD_LENGTH && vocabulary.hasPrefix(head))
    ) {
      parts.push(head);
      break;
    }
  }
  for (let j = MIN_AFFIX_LENGTH; j <= stem.length - MIN_AFFIX_LENGTH; j++) {
    const tail = stem.slice(j);
    if (vocabulary.documentFrequency(tail) > 0) {
      parts.push(tail);
      break;
    }
  }
  return [...new Set(parts)];
}

const isKnown = (stem: string, vocabulary: Vocabulary) =>
  vocabulary.documentFrequency(stem) > 0 ||
  (stem.length >= MIN_AFFIX_LENGTH && (vocabulary.hasPrefix(stem) || vocabulary.hasSuffix(stem)));

/**
 * Query words with the forms to look them up by. A word the index does not know, not even as
 * part of a compound, is split into known parts ("Sonderstatus" → "status") or, failing that,
 * corrected to the nearest indexed word ("Vereidgung" → "vereidig").
 */
export function expandQuery(query: string, vocabulary: Vocabulary): QueryConcept[] {
  return queryTerms(query).map(({ stem, joined }) => {
    const forms: QueryForm[] = [{ stem, credit: 1 }];
    if (!isKnown(stem, vocabulary) && !/^\p{N}+$/u.test(stem)) {
      const parts = splitCompound(stem, vocabulary);
      for (const part of parts) forms.push({ stem: part, credit: PART_CREDIT });
      if (parts.length === 0 && stem.length >= 5) {
        const corrected = vocabulary.closest(stem, stem.length >= 8 ? 2 : 1);
        if (corrected) forms.push({ stem: corrected, credit: CORRECTION_CREDIT });
      }
    }
    return { forms, counts: !joined };
  });
}

/** Compounds looked up per query word: enough for recall, few enough to keep the query fast. */
const MAX_COMPOUNDS_PER_WORD = 30;

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
  const forms = new Set(concepts.flatMap((c) => c.forms.map((f) => f.stem)));
  const compounds = new Set<string>();
  for (const stem of forms) {
    if (stem.length < MIN_AFFIX_LENGTH || !expand(stem)) continue;
    for (const compound of vocabulary.compoundsOf(stem, MAX_COMPOUNDS_PER_WORD)) {
      if (!forms.has(compound)) compounds.add(compound);
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

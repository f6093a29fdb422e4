/** Query words shorter than this match only whole words, never parts of compounds. */
export const MIN_AFFIX_LENGTH = 4;

/** What query-side work needs to know about the indexed stems. */
export interface VocabularyView {
  /** How many documents (passages or claims) the frequencies count over. */
  readonly passageCount: number;
  idf(stem: string): number;
  documentFrequency(stem: string): number;
  hasPrefix(prefix: string): boolean;
  hasSuffix(suffix: string): boolean;
  compoundsOf(stem: string, max: number): string[];
  /**
   * Every indexed stem that starts or ends with `stem` (not `stem` itself), or undefined when
   * that is not known here (then callers compare stems themselves).
   */
  affixedBy(stem: string): readonly string[] | undefined;
  /** The nearest indexed stem within `maxDistance` edits that `accept` lets through. */
  closest(
    stem: string,
    maxDistance: number,
    accept?: (term: string) => boolean,
  ): string | undefined;
}

/** Inverse document frequency, log(1 + N / df), with df at least 1. */
export const idfOf = (passageCount: number, df: number) =>
  Math.log(1 + passageCount / Math.max(1, df));

/**
 * Compounds ending with a stem are found among the stems that share its last letters: as many
 * as the shortest stem matched as a part has (MIN_AFFIX_LENGTH).
 */
const SUFFIX_KEY = MIN_AFFIX_LENGTH;
/** Past this many compounds of one stem, listing them costs more than comparing stems. */
const AFFIX_LIMIT = 2000;

/**
 * The indexed stems and how many passages hold each, kept in memory for the query-side work that
 * FTS5 cannot do: splitting unknown compounds, finding compounds by their parts, correcting
 * typos. Built in one pass over sorted stems: no sorting, so it can be loaded piece by piece.
 */
export class Vocabulary implements VocabularyView {
  private readonly sorted: readonly string[];
  private readonly bySuffix = new Map<string, string[]>();
  private readonly byInitialAndLength = new Map<string, string[]>();

  constructor(
    private readonly frequencies: ReadonlyMap<string, number>,
    readonly passageCount: number,
    /** The keys of `frequencies` in code-unit order, when the caller has them so already. */
    sortedTerms?: readonly string[],
  ) {
    this.sorted = sortedTerms ?? [...frequencies.keys()].sort();
    for (const term of this.sorted) {
      push(this.byInitialAndLength, `${term[0]}${term.length}`, term);
      if (term.length >= SUFFIX_KEY) push(this.bySuffix, term.slice(-SUFFIX_KEY), term);
    }
  }

  idf(stem: string): number {
    return idfOf(this.passageCount, this.documentFrequency(stem));
  }

  /** Passages containing exactly this stem. */
  documentFrequency(stem: string): number {
    return this.frequencies.get(stem) ?? 0;
  }

  /** Some indexed stem starts with `prefix` (a compound's first part, or the word itself). */
  hasPrefix(prefix: string): boolean {
    const i = lowerBound(this.sorted, prefix);
    return i < this.sorted.length && (this.sorted[i] as string).startsWith(prefix);
  }

  /** Some indexed stem ends with `suffix` (a compound's head, or the word itself). */
  hasSuffix(suffix: string): boolean {
    return this.endingWith(suffix, 0).length > 0 || this.frequencies.has(suffix);
  }

  /** Indexed stems longer than `suffix` that end with it, at most `limit` (+1 to tell "more"). */
  private endingWith(suffix: string, limit: number): string[] {
    if (suffix.length < SUFFIX_KEY) return [];
    const found: string[] = [];
    for (const term of this.bySuffix.get(suffix.slice(-SUFFIX_KEY)) ?? []) {
      if (term.length > suffix.length && term.endsWith(suffix) && found.push(term) > limit) break;
    }
    return found;
  }

  /** Indexed stems longer than `prefix` that start with it, in order, at most `limit` (+1). */
  private startingWith(prefix: string, limit: number): string[] {
    const found: string[] = [];
    for (let i = lowerBound(this.sorted, prefix); i < this.sorted.length; i++) {
      const term = this.sorted[i] as string;
      if (!term.startsWith(prefix)) break;
      if (term !== prefix && found.push(term) > limit) break;
    }
    return found;
  }

  /** Undefined for a stem with more than AFFIX_LIMIT compounds: comparing is cheaper then. */
  affixedBy(stem: string): readonly string[] | undefined {
    const starting = this.startingWith(stem, AFFIX_LIMIT);
    const ending = this.endingWith(stem, AFFIX_LIMIT);
    if (starting.length > AFFIX_LIMIT || ending.length > AFFIX_LIMIT) return undefined;
    return [...new Set([...starting, ...ending])];
  }

  /**
   * Indexed compounds that start or end with `stem` ("einfuhr" → "amtseinfuhr"), the most
   * frequent of the first few hundred found, at most `max`. This turns compound matching into
   * exact FTS5 lookups.
   */
  compoundsOf(stem: string, max: number): string[] {
    const scan = max * 20;
    const found = new Set([...this.startingWith(stem, scan), ...this.endingWith(stem, 2 * scan)]);
    return [...found]
      .sort((a, b) => this.documentFrequency(b) - this.documentFrequency(a) || (a < b ? -1 : 1))
      .slice(0, max);
  }

  /**
   * The most frequent indexed stem within `maxDistance` edits (Damerau–Levenshtein) that starts
   * with the same letter; typos in the first letter are rare and the bucket keeps this fast.
   */
  closest(
    stem: string,
    maxDistance: number,
    accept: (term: string) => boolean = () => true,
  ): string | undefined {
    let best: string | undefined;
    let bestDistance = maxDistance + 1;
    for (let length = stem.length - maxDistance; length <= stem.length + maxDistance; length++) {
      for (const term of this.byInitialAndLength.get(`${stem[0]}${length}`) ?? []) {
        // The bound is one past the best so far: a result at the bound means "farther".
        const d = boundedEditDistance(stem, term, Math.min(bestDistance, maxDistance) + 1);
        if (d > maxDistance || !accept(term)) continue;
        if (
          d < bestDistance ||
          (d === bestDistance &&
            best !== undefined &&
            this.documentFrequency(term) > this.documentFrequency(best))
        ) {
          best = term;
          bestDistance = d;
        }
      }
    }
    return bestDistance <= maxDistance ? best : undefined;
  }
}

function push(buckets: Map<string, string[]>, key: string, term: string): void {
  const bucket = buckets.get(key);
  if (bucket) bucket.push(term);
  else buckets.set(key, [term]);
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Optimal-string-alignment distance, giving up (returning `limit`) once it cannot stay below it. */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      }
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    prevPrev = prev;
    prev = row;
  }
  return Math.min(prev[b.length] as number, limit);
}

/**
 * Whether the corpus holds a stem as a word or as a part of a compound ("auftrag" in
 * "staatsauftrag").
 */
export function mentions(vocab: VocabularyView, stem: string): boolean {
  if (vocab.documentFrequency(stem) > 0) return true;
  if (stem.length < MIN_AFFIX_LENGTH) return false;
  // Undefined: compounds not listed (too many, or the vocabulary still loading): taken as held,
  // so that no query is called unrelated on a guess.
  const compounds = vocab.affixedBy(stem);
  return compounds === undefined || compounds.length > 0;
}

import type { Database } from "better-sqlite3";

/**
 * The indexed stems and how many passages hold each, kept in memory for the query-side work that
 * FTS5 cannot do: splitting unknown compounds and correcting typos.
 */
export class Vocabulary {
  private readonly sorted: string[];
  private readonly reversedSorted: string[];
  private readonly byInitialAndLength = new Map<string, string[]>();

  constructor(
    private readonly frequencies: ReadonlyMap<string, number>,
    /** How many documents (passages or claims) the frequencies count over. */
    /** How many documents (passages or claims) the frequencies count over. */
    readonly passageCount: number,
  ) {
    this.sorted = [...frequencies.keys()].sort();
    this.reversedSorted = this.sorted.map((t) => [...t].reverse().join("")).sort();
    for (const term of this.sorted) {
      const key = `${term[0]}${term.length}`;
      const bucket = this.byInitialAndLength.get(key);
      if (bucket) bucket.push(term);
      else this.byInitialAndLength.set(key, [term]);
    }
  }

  /** The stems of the passages' index, or of the claims' index. */
  static load(sqlite: Database, of: "passages" | "claims"): Vocabulary {
    const vocabTable = of === "passages" ? "passages_vocab" : "claims_vocab";
    const countSql =
      of === "passages"
        ? "SELECT count(*) AS n FROM passages WHERE stems <> ''"
        : "SELECT count(*) AS n FROM claims";
    const rows = sqlite.prepare(`SELECT term, doc FROM ${vocabTable}`).all() as {
      term: string;
      doc: number;
    }[];
    const { n } = sqlite.prepare(countSql).get() as { n: number };
    return new Vocabulary(new Map(rows.map((r) => [r.term, r.doc])), n);
  }

  /** Inverse document frequency, log(1 + N / df), with df at least 1. */
  idf(stem: string): number {
    return Math.log(1 + this.passageCount / Math.max(1, this.documentFrequency(stem)));
  }

  /** Passages containing exactly this stem. */
  documentFrequency(stem: string): number {
    return this.frequencies.get(stem) ?? 0;
  }

  /** Some indexed stem starts with `prefix` (a compound's first part, or the word itself). */
  hasPrefix(prefix: string): boolean {
    return startsWithAny(this.sorted, prefix);
  }

  /** Some indexed stem ends with `suffix` (a compound's head, or the word itself). */
  hasSuffix(suffix: string): boolean {
    return startsWithAny(this.reversedSorted, [...suffix].reverse().join(""));
  }

  /**
   * Indexed compounds that start or end with `stem` ("einfuhr" → "amtseinfuhr"), the most
   * frequent first, at most `max`. This turns compound matching into exact FTS5 lookups.
   */
  compoundsOf(stem: string, max: number): string[] {
    const found = new Set<string>();
    const scanLimit = max * 20;
    for (
      let i = lowerBound(this.sorted, stem);
      i < this.sorted.length && found.size < scanLimit;
      i++
    ) {
      const term = this.sorted[i] as string;
      if (!term.startsWith(stem)) break;
      if (term !== stem) found.add(term);
    }
    const back = [...stem].reverse().join("");
    for (
      let i = lowerBound(this.reversedSorted, back);
      i < this.reversedSorted.length && found.size < 2 * scanLimit;
      i++
    ) {
      const reversed = this.reversedSorted[i] as string;
      if (!reversed.startsWith(back)) break;
      if (reversed !== back) found.add([...reversed].reverse().join(""));
    }
    return [...found]
      .sort((a, b) => this.documentFrequency(b) - this.documentFrequency(a) || (a < b ? -1 : 1))
      .slice(0, max);
  }

  /**
   * The most frequent indexed stem within `maxDistance` edits (Damerau–Levenshtein) that starts
   * with the same letter; typos in the first letter are rare and the bucket keeps this fast.
   */
  closest(stem: string, maxDistance: number): string | undefined {
    let best: string | undefined;
    let bestDistance = maxDistance + 1;
    for (let length = stem.length - maxDistance; length <= stem.length + maxDistance; length++) {
      for (const term of this.byInitialAndLength.get(`${stem[0]}${length}`) ?? []) {
        // The bound is one past the best so far: a result at the bound means "farther".
        const d = boundedEditDistance(stem, term, Math.min(bestDistance, maxDistance) + 1);
        if (d > maxDistance) continue;
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

function startsWithAny(sorted: readonly string[], prefix: string): boolean {
  const i = lowerBound(sorted, prefix);
  return i < sorted.length && (sorted[i] as string).startsWith(prefix);
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

import type { Database, Statement } from "better-sqlite3";
import { idfOf, type VocabularyView } from "./vocabulary.ts";

export type VocabularyOf = "passages" | "claims";

/** The FTS5 vocabulary table of each index, and how many documents it counts over. */
export const VOCABULARY_TABLES = {
  passages: { vocab: "passages_vocab", count: "SELECT count(*) FROM passages WHERE stems <> ''" },
  claims: { vocab: "claims_vocab", count: "SELECT count(*) FROM claims" },
} as const;

/** The first code unit after every string that starts with a prefix. */
const END = "\uffff";

/**
 * The vocabulary read straight from the index (FTS5's vocabulary table), for the moments before
 * the in-memory one is loaded: frequencies and compounds by their first part, exactly; compounds
 * by their last part and typo corrections are not available until then.
 */
export class SqlVocabulary implements VocabularyView {
  readonly passageCount: number;
  private readonly frequency: Statement<[string], number>;
  private readonly startingWith: Statement<[string, string, number], [string, number]>;
  private readonly frequencies = new Map<string, number>();

  constructor(sqlite: Database, of: VocabularyOf) {
    const { vocab, count } = VOCABULARY_TABLES[of];
    this.passageCount = sqlite.prepare(count).pluck().get() as number;
    this.frequency = sqlite.prepare(`SELECT doc FROM ${vocab} WHERE term = ?`).pluck() as Statement<
      [string],
      number
    >;
    this.startingWith = sqlite
      .prepare(`SELECT term, doc FROM ${vocab} WHERE term >= ? AND term < ? LIMIT ?`)
      .raw() as Statement<[string, string, number], [string, number]>;
  }

  idf(stem: string): number {
    return idfOf(this.passageCount, this.documentFrequency(stem));
  }

  documentFrequency(stem: string): number {
    let df = this.frequencies.get(stem);
    if (df === undefined) {
      df = this.frequency.get(stem) ?? 0;
      this.frequencies.set(stem, df);
    }
    return df;
  }

  hasPrefix(prefix: string): boolean {
    return this.startingWith.all(prefix, `${prefix}${END}`, 1).length > 0;
  }

  hasSuffix(): boolean {
    return false;
  }

  compoundsOf(stem: string, max: number): string[] {
    return this.startingWith
      .all(stem, `${stem}${END}`, max * 20 + 1)
      .filter(([term]) => term !== stem)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, max)
      .map(([term]) => term);
  }

  affixedBy(): undefined {
    return undefined;
  }

  closest(): undefined {
    return undefined;
  }
}

import type { Database, Statement } from "better-sqlite3";
import { Vocabulary, type VocabularyView } from "./vocabulary.ts";
import { SqlVocabulary, VOCABULARY_TABLES, type VocabularyOf } from "./vocabulary-sql.ts";

/** Stems read per step of a background load: each step holds the event loop ~10 ms. */
const CHUNK = 5000;
/** Indexes with at most this many documents are loaded at once (tens of milliseconds). */
const LOAD_AT_ONCE_UP_TO = 5000;

interface Loaded {
  readonly fingerprint: string | undefined;
  readonly value: VocabularyView;
  /** The in-memory vocabulary, once it is there. */
  readonly complete: boolean;
}

/**
 * The vocabularies of the passages' and the claims' index. A small index is loaded into memory
 * on first use. A large one is loaded in the background, a few thousand stems a step, so neither
 * the first query after a start nor anything else waits for it; until it is there, queries read
 * frequencies straight from the index (SqlVocabulary). Reloaded the same way whenever an ingest,
 * in this process or another, changes the corpus fingerprint.
 */
export class VocabularyCache {
  private readonly fingerprint: Statement<[], string>;
  private readonly loaded = new Map<VocabularyOf, Loaded>();
  private readonly loading = new Map<
    VocabularyOf,
    { fingerprint: string | undefined; done: Promise<void> }
  >();

  constructor(private readonly sqlite: Database) {
    this.fingerprint = sqlite
      // A server's library changes the index without changing the corpus fingerprint.
      .prepare(
        "SELECT group_concat(value, ' ') FROM (SELECT value FROM index_meta WHERE key IN ('corpus_fingerprint', 'library_version') ORDER BY key)",
      )
      .pluck() as Statement<[], string>;
  }

  current(of: VocabularyOf): VocabularyView {
    const fingerprint = this.fingerprint.get();
    const loaded = this.loaded.get(of);
    const cached = loaded?.fingerprint === fingerprint ? loaded : undefined;
    if (cached?.complete) return cached.value;
    const fallback = cached?.value ?? new SqlVocabulary(this.sqlite, of);
    if (fallback.passageCount <= LOAD_AT_ONCE_UP_TO) {
      const value = this.loadAtOnce(of, fallback.passageCount);
      this.loaded.set(of, { fingerprint, value, complete: true });
      return value;
    }
    if (!cached) this.loaded.set(of, { fingerprint, value: fallback, complete: false });
    this.startLoading(of, fingerprint, fallback.passageCount);
    return fallback;
  }

  /** Resolves once the in-memory vocabularies of the current index are loaded. */
  async ready(): Promise<void> {
    for (const of of ["passages", "claims"] as const) {
      this.current(of);
      await this.loading.get(of)?.done;
    }
  }

  private loadAtOnce(of: VocabularyOf, count: number): Vocabulary {
    const rows = this.sqlite
      .prepare(`SELECT term, doc FROM ${VOCABULARY_TABLES[of].vocab} ORDER BY term`)
      .raw()
      .all() as [string, number][];
    return new Vocabulary(
      new Map(rows),
      count,
      rows.map(([term]) => term),
    );
  }

  private startLoading(of: VocabularyOf, fingerprint: string | undefined, count: number): void {
    if (this.loading.get(of)?.fingerprint === fingerprint) return;
    // A load that fails (the database closed meanwhile) leaves the exact look-ups in place.
    const done = this.loadInSteps(of, fingerprint, count)
      .catch(() => undefined)
      .finally(() => {
        if (this.loading.get(of)?.done === done) this.loading.delete(of);
      });
    this.loading.set(of, { fingerprint, done });
  }

  private async loadInSteps(
    of: VocabularyOf,
    fingerprint: string | undefined,
    count: number,
  ): Promise<void> {
    const step = this.sqlite
      .prepare(
        `SELECT term, doc FROM ${VOCABULARY_TABLES[of].vocab} WHERE term > ? ORDER BY term LIMIT ?`,
      )
      .raw() as Statement<[string, number], [string, number]>;
    const frequencies = new Map<string, number>();
    const sorted: string[] = [];
    let after = "";
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      // Closed, or another ingest meanwhile (the steps would read two indexes): give up.
      if (!this.sqlite.open || this.fingerprint.get() !== fingerprint) return;
      const rows = step.all(after, CHUNK);
      for (const [term, df] of rows) {
        frequencies.set(term, df);
        sorted.push(term);
      }
      if (rows.length < CHUNK) break;
      after = (rows[rows.length - 1] as [string, number])[0];
    }
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.sqlite.open || this.fingerprint.get() !== fingerprint) return;
    this.loaded.set(of, {
      fingerprint,
      value: new Vocabulary(frequencies, count, sorted),
      complete: true,
    });
  }
}

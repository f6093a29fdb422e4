import type { Database, Statement } from "better-sqlite3";
import { Vocabulary } from "./vocabulary.ts";

type Of = "passages" | "claims";

/**
 * The in-memory vocabularies of the passages' and the claims' index, loaded on first use and
 * reloaded when an ingest (in this process or another) has changed the corpus fingerprint.
 */
export class VocabularyCache {
  private readonly fingerprint: Statement<[], { value: string }>;
  private readonly loaded = new Map<Of, { fingerprint: string | undefined; value: Vocabulary }>();

  constructor(private readonly sqlite: Database) {
    this.fingerprint = sqlite.prepare(
      "SELECT value FROM index_meta WHERE key = 'corpus_fingerprint'",
    ) as Statement<[], { value: string }>;
  }

  current(of: Of): Vocabulary {
    const fingerprint = this.fingerprint.get()?.value;
    const cached = this.loaded.get(of);
    if (cached && cached.fingerprint === fingerprint) return cached.value;
    const value = Vocabulary.load(this.sqlite, of);
    this.loaded.set(of, { fingerprint, value });
    return value;
  }
}

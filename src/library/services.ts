import type { CorpusReader } from "../corpus/reader.ts";
import type { Db } from "../db/client.ts";
import type { LibraryJobs } from "./jobs.ts";
import type { LibraryIndex } from "./library-index.ts";
import type { LibraryStore } from "./stores.ts";

/** What the library's services work with, built once by the wiring. */
export interface LibraryDeps {
  /** The search index (read only: the library's copies in it change through `index`). */
  readonly db: Db;
  /** The libraries as stored: the source of truth. */
  readonly store: LibraryStore;
  /** Brings the search index in line after each stored change. */
  readonly index: LibraryIndex;
  readonly corpus: CorpusReader;
  readonly clock: () => number;
  /** Where uploads and imports are analysed: worker threads with a budget per job. */
  readonly jobs: LibraryJobs;
}

/** A stored change's versions, as the index step takes them. */
export const versions = (stored: { readonly previous: number; readonly version: number }) => ({
  previous: stored.previous,
  version: stored.version,
});

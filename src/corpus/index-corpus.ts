import type { Db } from "../db/client.ts";
import type { WriteQueue } from "../db/write-queue.ts";
import {
  articleHash,
  corpusFingerprint,
  type IngestOptions,
  type IngestReport,
  ingestCorpus,
  storedFingerprint,
  unchangedReport,
} from "./ingest.ts";
import { claimSources, parseCorpus, readCorpusFiles } from "./load.ts";
import type { CorpusProblem } from "./problems.ts";

export type RefreshOutcome =
  | { readonly ok: true; readonly report: IngestReport }
  | { readonly ok: false; readonly problems: readonly CorpusProblem[] };

/**
 * Loads the corpus folder and brings the index up to date, or says why it kept the old one. The
 * raw files are hashed first: when they are what the index was built from (only a valid corpus
 * is ever stored), nothing is parsed at all, so an unchanged start stays fast.
 */
export async function refreshIndex(
  db: Db,
  writes: WriteQueue,
  corpusDir: string,
  options: IngestOptions = {},
): Promise<RefreshOutcome> {
  const files = readCorpusFiles(corpusDir);
  if (files.problems.length === 0 && !options.rebuild) {
    const hashes = new Map([...files.articles].map(([id, f]) => [id, articleHash(f.source)]));
    if (
      storedFingerprint(db) === corpusFingerprint(hashes, claimSources(files), options.lexicons)
    ) {
      return { ok: true, report: unchangedReport(hashes.size) };
    }
  }
  const corpus = parseCorpus(files);
  if (corpus.problems.length > 0) return { ok: false, problems: corpus.problems };
  return { ok: true, report: await ingestCorpus(db, writes, corpus, options) };
}

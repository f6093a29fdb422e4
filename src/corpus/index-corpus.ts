import type { Db } from "../db/client.ts";
import { type IngestProgress, type IngestReport, ingestCorpus } from "./ingest.ts";
import { loadCorpus } from "./load.ts";
import type { CorpusProblem } from "./problems.ts";

export type RefreshOutcome =
  | { readonly ok: true; readonly report: IngestReport }
  | { readonly ok: false; readonly problems: readonly CorpusProblem[] };

/** Loads the corpus folder and brings the index up to date, or says why it kept the old one. */
export function refreshIndex(
  db: Db,
  corpusDir: string,
  onProgress?: (p: IngestProgress) => void,
): RefreshOutcome {
  const corpus = loadCorpus(corpusDir);
  if (corpus.problems.length > 0) return { ok: false, problems: corpus.problems };
  return { ok: true, report: ingestCorpus(db, corpus, onProgress) };
}

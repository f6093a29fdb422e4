import type { Db } from "../db/client.ts";
import type { AnalysisJob, AnalysisResult, ApprovedClaims, KnownArticle } from "./analysis.ts";
import { approvedClaimsSnapshot, libraryState } from "./index-library.ts";
import { type Refusal, storeOrRefuse } from "./limits.ts";
import type { LibraryDeps } from "./store.ts";

type Prepared = Extract<AnalysisResult, { kind: "prepared" }>;

/** How often a job is analysed again when its server's library changed while it ran. */
const ATTEMPTS = 3;
const CHANGED = Symbol("the library changed meanwhile");

/** The shared articles a server sees, by the names a zip's claims files give. */
function sharedLookup(deps: LibraryDeps, guildId: string) {
  return async (names: readonly string[]) => {
    const found = new Map<string, KnownArticle>();
    for (const name of names) {
      const article = deps.corpus.article(name, guildId)?.article;
      if (article)
        found.set(name, { id: article.id, body: article.body, date: article.date ?? undefined });
    }
    return found;
  };
}

/**
 * A server's library job: analysed in a worker (off the event loop, within its budget), then
 * written in one transaction that only writes the prepared rows. The rows were prepared from the
 * library as it stood when the job started; should it have changed before the write (a proposal
 * approved meanwhile, another process), the job is analysed again.
 */
export async function analyseThenStore<T>(
  deps: LibraryDeps,
  guildId: string,
  job: (approved: ApprovedClaims) => AnalysisJob,
  store: (tx: Db, prepared: Prepared) => T,
): Promise<T | Exclude<AnalysisResult, Prepared> | Refusal> {
  return deps.jobs.exclusive(guildId, async () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const state = libraryState(deps.db, guildId);
      const approved = approvedClaimsSnapshot(deps.db, guildId);
      const result = await deps.jobs.analyse(job(approved), sharedLookup(deps, guildId));
      if (result.kind !== "prepared") return result;
      const written = await storeOrRefuse(deps.writes, (tx) =>
        libraryState(tx, guildId) === state ? { stored: store(tx, result) } : CHANGED,
      );
      if (written === CHANGED) continue;
      return "stored" in written ? written.stored : written;
    }
    return { kind: "not-stored" as const, reason: "failed" as const };
  });
}

import type { AnalysisJob, AnalysisResult, ApprovedClaims, KnownArticle } from "./analysis.ts";
import { indexedArticleTexts } from "./index-library.ts";
import { type Refusal, storeOrRefuse } from "./limits.ts";
import type { LibraryDeps } from "./services.ts";
import type { Changed, LibraryVersion } from "./stores.ts";

type Prepared = Extract<AnalysisResult, { kind: "prepared" }>;

/** How often a job is analysed again when its server's library changed while it ran. */
const ATTEMPTS = 3;

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

/** A server's approved claims (from the store) and the articles they quote (from the index). */
async function approvedClaims(deps: LibraryDeps, guildId: string): Promise<ApprovedClaims> {
  const claims = (await deps.store.claims(guildId, "approved")).map((c) => ({
    guildId,
    slug: c.slug,
    articleId: c.articleId,
    claim: c.claim,
  }));
  return {
    claims,
    articles: indexedArticleTexts(
      deps.db,
      claims.map((c) => c.articleId),
    ),
  };
}

/** What a prepared job is written onto: the server's version, and what the index held then. */
export interface PreparedOn {
  readonly expected: LibraryVersion;
  readonly index: string;
}

/**
 * A server's library job: analysed in a worker (off the event loop, within its budget), then
 * stored by `store` in one write that only writes the prepared rows, onto the library version
 * they were prepared from. Should the library have changed before the write (a proposal
 * approved meanwhile, another process), the store says so and the job is analysed again.
 */
export async function analyseThenStore<T extends { readonly kind: string }>(
  deps: LibraryDeps,
  guildId: string,
  job: (approved: ApprovedClaims) => AnalysisJob,
  store: (prepared: Prepared, on: PreparedOn) => Promise<T | Changed>,
): Promise<T | Exclude<AnalysisResult, Prepared> | Refusal> {
  return deps.jobs.exclusive(guildId, async () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      // The version first: claims read after it are at least as new, never older.
      const expected = await deps.store.version(guildId);
      const index = deps.index.preparedOn(guildId);
      const approved = await approvedClaims(deps, guildId);
      const result = await deps.jobs.analyse(job(approved), sharedLookup(deps, guildId));
      if (result.kind !== "prepared") return result;
      const written = await storeOrRefuse(() => store(result, { expected, index }));
      if (written.kind === "changed") continue;
      return written as T | Refusal;
    }
    return { kind: "not-stored" as const, reason: "failed" as const };
  });
}

import { isLibraryId, MAX_SLUG, shownId } from "./ids.ts";
import { sharedIdsAmong } from "./index-library.ts";
import { LIBRARY_LIMITS, type Refusal, sharedIdProblem } from "./limits.ts";
import { analyseThenStore } from "./prepared.ts";
import { type LibraryDeps, versions } from "./services.ts";
import type { Actor } from "./stores.ts";

export type ExportOutcome =
  | {
      readonly kind: "exported";
      readonly filename: string;
      readonly data: Uint8Array;
      readonly articles: number;
      readonly claims: number;
    }
  | { readonly kind: "empty" }
  | Refusal;

export type BundleImportOutcome =
  | { readonly kind: "imported"; readonly articles: number; readonly claims: number }
  | Refusal;

/**
 * A server's articles and approved claims as one zip in the corpus layout, packed in a library
 * worker (compressing a full library holds a thread for a second or more).
 */
export async function exportLibrary(deps: LibraryDeps, guildId: string): Promise<ExportOutcome> {
  const [articles, approved] = await Promise.all([
    deps.store.articles(guildId),
    deps.store.claims(guildId, "approved"),
  ]);
  const slugs = articles.map((a) => a.slug);
  const names = exportNames(slugs, sharedIdsAmong(deps.db, slugs));
  const fileName = (articleId: string) =>
    isLibraryId(articleId) ? (names.get(shownId(articleId)) ?? shownId(articleId)) : articleId;
  const byArticle = new Map<string, Record<string, unknown>[]>();
  if (articles.length === 0 && approved.length === 0) return { kind: "empty" };
  for (const c of approved) {
    const list = byArticle.get(c.articleId) ?? [];
    list.push({ ...c.claim, id: c.slug });
    byArticle.set(c.articleId, list);
  }
  const job = {
    kind: "export" as const,
    articles: articles.map((a) => ({ path: `articles/${names.get(a.slug)}.md`, text: a.source })),
    claimFiles: [...byArticle].map(([articleId, claims]) => ({
      path: `claims/${fileName(articleId)}.yaml`,
      claims,
    })),
  };
  const packed = await deps.jobs.exclusive(guildId, () =>
    deps.jobs.analyse(job, async () => new Map()),
  );
  if (packed.kind !== "packed") return packed;
  return {
    kind: "exported",
    filename: `beleg-library-${guildId}.zip`,
    data: packed.data,
    articles: articles.length,
    claims: approved.length,
  };
}

/**
 * The names own articles are exported under: their slugs, except that one stored under a shared
 * article's id (before such ids were refused) gets a free name, so that its claims file and the
 * shared article's do not meet and the zip can be imported elsewhere.
 */
function exportNames(slugs: readonly string[], shared: ReadonlySet<string>): Map<string, string> {
  const taken = new Set([...slugs, ...shared]);
  const names = new Map<string, string>();
  for (const slug of slugs) {
    if (!shared.has(slug)) {
      names.set(slug, slug);
      continue;
    }
    const base = slug.slice(0, MAX_SLUG - 6).replace(/-+$/, "");
    let n = 1;
    while (taken.has(`${base}-own${n > 1 ? n : ""}`)) n++;
    const name = `${base}-own${n > 1 ? n : ""}`;
    taken.add(name);
    names.set(slug, name);
  }
  return names;
}

/**
 * Imports a library zip (as exported) into a server: every article and claims file is checked
 * first, against the zip's own articles or the shared corpus, and then all is stored in one
 * transaction, or nothing is. Articles and claims with ids the server has already are replaced.
 */
export async function importLibrary(
  deps: LibraryDeps,
  guildId: string,
  actor: Actor,
  zip: Uint8Array,
): Promise<BundleImportOutcome> {
  if (zip.byteLength > LIBRARY_LIMITS.bundleBytes)
    return { kind: "too-large", limit: LIBRARY_LIMITS.bundleBytes };
  const now = deps.clock();
  const outcome = await analyseThenStore(
    deps,
    guildId,
    (approved) => ({ kind: "bundle", guildId, approved, zip, now }),
    async ({ articles: rows, claims, placed }, on) => {
      const taken = rows.filter((a) => deps.corpus.resolve(a.slug, null) !== undefined);
      if (taken.length > 0)
        return {
          kind: "invalid" as const,
          problems: taken.map((a) => `articles/${a.slug}.md:1: ${sharedIdProblem(a.slug)}`),
        };
      const stored = await deps.store.importLibrary({
        guildId,
        actor,
        at: now,
        expected: on.expected,
        articles: rows.map(({ slug, source }) => ({ slug, source })),
        claims,
        limits: LIBRARY_LIMITS,
        subject: `${rows.length} articles, ${claims.length} claims`,
      });
      if (stored.kind !== "imported") return stored;
      await deps.index.apply({
        guildId,
        ...versions(stored),
        preparedOn: on.index,
        articles: rows.map((a) => a.rows),
        claims: { replace: placed.rows },
      });
      return { kind: "imported" as const, articles: rows.length, claims: claims.length };
    },
  );
  return outcome.kind === "needs-title" ? { kind: "not-stored", reason: "failed" } : outcome;
}

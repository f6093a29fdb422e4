import { createHash } from "node:crypto";
import { and, eq, isNotNull } from "drizzle-orm";
import { parseArticle } from "../corpus/article.ts";
import { checkClaim } from "../corpus/claims.ts";
import { indexArticles, rebuildIndex, unindexArticles } from "../corpus/fts.ts";
import { analysedArticle, claimRow } from "../corpus/index-rows.ts";
import type { CorpusProblem } from "../corpus/problems.ts";
import { segmentBody } from "../corpus/segment.ts";
import { insertMany } from "../db/bulk.ts";
import type { Db } from "../db/client.ts";
import {
  articles,
  claims,
  indexMeta,
  libraryArticles,
  libraryClaims,
  passages,
} from "../db/schema.ts";
import { StemIndexer } from "../search/analyzer.ts";
import { libraryId } from "./ids.ts";

/**
 * A server's library in the search index. Its articles and claims live in library_* tables (the
 * source of truth); the index holds copies under `g<guild>-<slug>` ids, with the server's id in
 * `guild_id`, put there when they change and again whenever the shared corpus is indexed anew.
 */

const contentHash = (source: string) => createHash("sha256").update(source).digest("hex");

/** A server article's index rows, analysed outside any transaction (stemming takes a while). */
export type LibraryArticleRows = ReturnType<typeof analysedArticle> & {
  readonly article: { readonly guildId: string };
};

/** Reads and analyses a server's article (corpus format); its problems if it is not valid. */
export function analyseLibraryArticle(
  guildId: string,
  slug: string,
  source: string,
  now: Date,
): { rows?: LibraryArticleRows; problems: CorpusProblem[] } {
  const parsed = parseArticle(`${slug}.md`, slug, source);
  if (!parsed.article) return { problems: parsed.problems };
  const article = { ...parsed.article, id: libraryId(guildId, slug) };
  const rows = analysedArticle(article, contentHash(source), now, new StemIndexer());
  return { rows: { ...rows, article: { ...rows.article, guildId } }, problems: [] };
}

/** Takes an article out of the index; its passages and claims go with it. */
export function removeIndexedArticle(tx: Db, id: string): void {
  unindexArticles(tx, [id]);
  tx.delete(articles).where(eq(articles.id, id)).run();
}

/** Puts a server's article into the index, in place of an earlier version. */
export function putIndexedArticle(tx: Db, rows: LibraryArticleRows): void {
  removeIndexedArticle(tx, rows.article.id);
  insertMany(tx, articles, [rows.article]);
  insertMany(tx, passages, rows.passages);
  indexArticles(tx, [rows.article.id]);
}

/** Every server's articles, analysed: what a rebuilt index puts back. */
export function allLibraryArticleRows(db: Db, now: Date): LibraryArticleRows[] {
  return db
    .select()
    .from(libraryArticles)
    .all()
    .flatMap((a) => analyseLibraryArticle(a.guildId, a.slug, a.source, now).rows ?? []);
}

/**
 * The approved claims of one server (or of every server), placed in the articles they quote as
 * they stand in the index now. A claim whose article is gone or whose quote no longer occurs in
 * it is left out and named in `stale`.
 */
function libraryClaimRows(tx: Db, guildId: string | undefined) {
  const approved = tx
    .select()
    .from(libraryClaims)
    .where(
      and(
        eq(libraryClaims.status, "approved"),
        guildId === undefined ? undefined : eq(libraryClaims.guildId, guildId),
      ),
    )
    .all();
  const rows: (ReturnType<typeof claimRow> & { guildId: string })[] = [];
  const stale: string[] = [];
  for (const stored of approved) {
    const article = tx
      .select({ body: articles.body, date: articles.date })
      .from(articles)
      .where(eq(articles.id, stored.articleId))
      .get();
    const checked = article
      ? checkClaim(
          stored.claim,
          stored.articleId,
          { body: article.body, date: article.date ?? undefined },
          "library",
        )
      : { problems: [] };
    if (!article || !checked.claim) {
      stale.push(stored.slug);
      continue;
    }
    const claim = { ...checked.claim, id: libraryId(stored.guildId, stored.slug) };
    rows.push({
      ...claimRow(claim, segmentBody(article.body), article.body),
      guildId: stored.guildId,
    });
  }
  return { rows, stale };
}

/**
 * Puts the approved claims of one server (or of all) into the index anew, after their articles
 * changed; returns the slugs of the claims that could not be placed.
 */
export function reindexLibraryClaims(tx: Db, guildId?: string): string[] {
  tx.delete(claims)
    .where(guildId === undefined ? isNotNull(claims.guildId) : eq(claims.guildId, guildId))
    .run();
  const { rows, stale } = libraryClaimRows(tx, guildId);
  insertMany(tx, claims, rows);
  rebuildIndex(tx, "claims_fts");
  return stale;
}

const LIBRARY_VERSION_KEY = "library_version";

/** Marks the index as changed, so every process reloads its vocabularies. */
export function bumpLibraryVersion(tx: Db, now: number): void {
  const value = `${now}-${Math.random().toString(36).slice(2)}`;
  tx.insert(indexMeta)
    .values({ key: LIBRARY_VERSION_KEY, value })
    .onConflictDoUpdate({ target: indexMeta.key, set: { value } })
    .run();
}

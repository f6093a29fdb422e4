import { and, count, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { ClaimArticle } from "../corpus/claims.ts";
import { indexArticles, rebuildIndex, unindexArticles } from "../corpus/fts.ts";
import { insertMany } from "../db/bulk.ts";
import type { Db } from "../db/client.ts";
import {
  articles,
  claims,
  indexedHidden,
  indexedLibraries,
  indexMeta,
  passages,
} from "../db/schema.ts";
import type { LibraryArticleRows } from "./article-rows.ts";
import { type LibraryClaimRow, placeClaims } from "./claim-placing.ts";
import type { ApprovedClaim, LibrarySnapshot } from "./stores.ts";

/**
 * A server's library in the search index (reads and writes inside the caller's transaction).
 * Its articles and claims are stored in the library store (the source of truth); the index
 * holds copies under `g<guild>-<slug>` ids, with the server's id in `guild_id`, the shared
 * articles each server hides (indexed_hidden) and the library version it last applied for each
 * server (indexed_libraries).
 */

/**
 * Takes an article out of the index; its passages and claims go with it (the caller rebuilds
 * the claims' full-text index, or writes claim rows, which does).
 */
export function removeIndexedArticle(tx: Db, id: string): void {
  unindexArticles(tx, [id]);
  tx.delete(claims).where(eq(claims.articleId, id)).run();
  tx.delete(articles).where(eq(articles.id, id)).run();
}

/** Puts a server's article into the index, in place of an earlier version. */
export function putIndexedArticle(tx: Db, rows: LibraryArticleRows): void {
  removeIndexedArticle(tx, rows.article.id);
  insertMany(tx, articles, [rows.article]);
  insertMany(tx, passages, rows.passages);
  indexArticles(tx, [rows.article.id]);
}

/** Takes all of a server's (or every server's) articles and claims quoting them out of the index. */
function removeServerArticles(tx: Db, guildId: string | undefined): void {
  const own = tx
    .select({ id: articles.id })
    .from(articles)
    .where(guildId === undefined ? isNotNull(articles.guildId) : eq(articles.guildId, guildId))
    .all()
    .map((a) => a.id);
  for (const id of own) removeIndexedArticle(tx, id);
}

/** Ids in one `IN (…)` list, well under SQLite's limit of variables. */
const IDS_PER_QUERY = 400;

/** Indexed articles' text and date, by id: what claims are placed in. */
export function indexedArticleTexts(db: Db, ids: readonly string[]): Map<string, ClaimArticle> {
  const unique = [...new Set(ids)];
  const quoted = new Map<string, ClaimArticle>();
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
    const rows = db
      .select({ id: articles.id, body: articles.body, date: articles.date })
      .from(articles)
      .where(inArray(articles.id, unique.slice(i, i + IDS_PER_QUERY)))
      .all();
    for (const a of rows) quoted.set(a.id, { body: a.body, date: a.date ?? undefined });
  }
  return quoted;
}

/**
 * Puts placed claim rows into the index in place of the server's (or, without a server, of
 * every server's) claims there.
 */
export function writeLibraryClaimRows(
  tx: Db,
  guildId: string | undefined,
  rows: readonly LibraryClaimRow[],
): void {
  tx.delete(claims)
    .where(guildId === undefined ? isNotNull(claims.guildId) : eq(claims.guildId, guildId))
    .run();
  insertMany(tx, claims, rows);
  rebuildIndex(tx, "claims_fts");
}

/** Adds placed claims to the index (a proposal just approved). */
export function addLibraryClaimRows(tx: Db, rows: readonly LibraryClaimRow[]): void {
  if (rows.length === 0) return;
  insertMany(tx, claims, rows);
  rebuildIndex(tx, "claims_fts");
}

/**
 * Places approved claims (every server's, or one server's) anew in the articles the index holds
 * now, in place of those servers' claim rows; returns the slugs that could not be placed.
 */
export function placeLibraryClaims(
  tx: Db,
  guildId: string | undefined,
  approved: readonly ApprovedClaim[],
): string[] {
  const placed = placeClaims(
    approved,
    indexedArticleTexts(
      tx,
      approved.map((c) => c.articleId),
    ),
  );
  writeLibraryClaimRows(tx, guildId, placed.rows);
  return placed.stale;
}

/** An indexed article's text and date, with its content hash to tell whether it changed. */
export function quotedArticle(db: Db, id: string) {
  const row = db
    .select({ body: articles.body, date: articles.date, hash: articles.contentHash })
    .from(articles)
    .where(eq(articles.id, id))
    .get();
  return row && { body: row.body, date: row.date ?? undefined, hash: row.hash };
}

/** Titles and passage counts of indexed articles, by index id. */
export function indexedFacts(db: Db, ids: readonly string[]) {
  const rows =
    ids.length === 0
      ? []
      : db
          .select({ id: articles.id, title: articles.title, n: count(passages.docid) })
          .from(articles)
          .leftJoin(passages, eq(passages.articleId, articles.id))
          .where(inArray(articles.id, [...ids]))
          .groupBy(articles.id)
          .all();
  return new Map(rows.map((r) => [r.id, { title: r.title, passages: r.n }]));
}

/** Those of `ids` that are ids of shared (corpus) articles. */
export function sharedIdsAmong(db: Db, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const rows = db
    .select({ id: articles.id })
    .from(articles)
    .where(and(isNull(articles.guildId), inArray(articles.id, [...ids])))
    .all();
  return new Set(rows.map((r) => r.id));
}

/** The shared articles a server hides, as the index mirrors them, with their titles. */
export function indexedHiddenArticles(db: Db, guildId: string) {
  return db
    .select({ articleId: indexedHidden.articleId, title: articles.title })
    .from(indexedHidden)
    .leftJoin(articles, eq(articles.id, indexedHidden.articleId))
    .where(eq(indexedHidden.guildId, guildId))
    .orderBy(indexedHidden.articleId)
    .all();
}

/** Mirrors a server's hidden articles: adds `add`, drops `drop` (all of them: null). */
export function mirrorHidden(
  tx: Db,
  guildId: string,
  change: { readonly add?: readonly string[]; readonly drop?: string | null },
): void {
  if (change.drop !== undefined)
    tx.delete(indexedHidden)
      .where(
        and(
          eq(indexedHidden.guildId, guildId),
          change.drop === null ? undefined : eq(indexedHidden.articleId, change.drop),
        ),
      )
      .run();
  const rows = (change.add ?? []).map((articleId) => ({ guildId, articleId }));
  if (rows.length > 0) tx.insert(indexedHidden).values(rows).onConflictDoNothing().run();
}

/** The library version the index last applied for each server. */
export function appliedVersions(db: Db): Map<string, number> {
  return new Map(
    db
      .select()
      .from(indexedLibraries)
      .all()
      .map((r) => [r.guildId, r.version]),
  );
}

export function appliedVersion(db: Db, guildId: string): number {
  return (
    db
      .select({ version: indexedLibraries.version })
      .from(indexedLibraries)
      .where(eq(indexedLibraries.guildId, guildId))
      .get()?.version ?? 0
  );
}

const LIBRARY_REVISION_KEY = "library_version";

/**
 * Records the server's version the index now holds, and marks the index as changed so every
 * process reloads its vocabularies (search/vocabulary-cache.ts).
 */
export function markApplied(tx: Db, guildId: string, version: number, now: number): void {
  tx.insert(indexedLibraries)
    .values({ guildId, version })
    .onConflictDoUpdate({ target: indexedLibraries.guildId, set: { version } })
    .run();
  const value = `${now}-${Math.random().toString(36).slice(2)}`;
  tx.insert(indexMeta)
    .values({ key: LIBRARY_REVISION_KEY, value })
    .onConflictDoUpdate({ target: indexMeta.key, set: { value } })
    .run();
}

/** The corpus the index was built from, and the server's applied version: what work was prepared on. */
export function preparedOn(db: Db, guildId: string): string {
  const corpus = db
    .select({ value: indexMeta.value })
    .from(indexMeta)
    .where(eq(indexMeta.key, "corpus_fingerprint"))
    .get();
  return `${corpus?.value ?? ""}/${appliedVersion(db, guildId)}`;
}

/**
 * Puts a server's library (or every server's) into the index as a snapshot has it, in place of
 * what the index held of it: articles (analysed before the write), hidden articles, claims
 * placed anew, and the versions applied.
 */
export function putLibrarySnapshot(
  tx: Db,
  guildId: string | undefined,
  snapshot: LibrarySnapshot,
  rows: readonly LibraryArticleRows[],
  now: number,
): string[] {
  removeServerArticles(tx, guildId);
  if (guildId === undefined) {
    tx.delete(indexedHidden).run();
    tx.delete(indexedLibraries).run();
  } else mirrorHidden(tx, guildId, { drop: null });
  for (const [server, version] of snapshot.servers) markApplied(tx, server, version, now);
  if (guildId !== undefined && !snapshot.servers.has(guildId)) markApplied(tx, guildId, 0, now);
  for (const row of rows) putIndexedArticle(tx, row);
  for (const h of snapshot.hidden) mirrorHidden(tx, h.guildId, { add: [h.articleId] });
  return placeLibraryClaims(tx, guildId, snapshot.approved);
}

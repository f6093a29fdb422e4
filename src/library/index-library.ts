import { and, eq, inArray, isNotNull, max } from "drizzle-orm";
import type { ClaimArticle } from "../corpus/claims.ts";
import { indexArticles, rebuildIndex, unindexArticles } from "../corpus/fts.ts";
import { insertMany } from "../db/bulk.ts";
import type { Db } from "../db/client.ts";
import {
  articles,
  claims,
  indexMeta,
  libraryArticles,
  libraryClaims,
  libraryEvents,
  passages,
} from "../db/schema.ts";
import { analyseLibraryArticle, type LibraryArticleRows } from "./article-rows.ts";
import { type LibraryClaimRow, placeClaims, type StoredClaim } from "./claim-placing.ts";

/**
 * A server's library in the search index. Its articles and claims live in library_* tables (the
 * source of truth); the index holds copies under `g<guild>-<slug>` ids, with the server's id in
 * `guild_id`, put there when they change and again whenever the shared corpus is indexed anew.
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

/** Every server's articles, analysed: what a rebuilt index puts back. */
export function allLibraryArticleRows(db: Db, now: Date): LibraryArticleRows[] {
  return db
    .select()
    .from(libraryArticles)
    .all()
    .flatMap((a) => analyseLibraryArticle(a.guildId, a.slug, a.source, now).rows ?? []);
}

/** Ids in one `IN (…)` list, well under SQLite's limit of variables. */
const IDS_PER_QUERY = 400;

/**
 * The approved claims of one server (or of every server) and the articles they quote as they
 * stand in the index now: what placing them needs, read before any write lock is taken.
 */
export function approvedClaimsSnapshot(db: Db, guildId: string | undefined) {
  const approved: StoredClaim[] = db
    .select({
      guildId: libraryClaims.guildId,
      slug: libraryClaims.slug,
      articleId: libraryClaims.articleId,
      claim: libraryClaims.claim,
    })
    .from(libraryClaims)
    .where(
      and(
        eq(libraryClaims.status, "approved"),
        guildId === undefined ? undefined : eq(libraryClaims.guildId, guildId),
      ),
    )
    .all();
  const ids = [...new Set(approved.map((c) => c.articleId))];
  const quoted = new Map<string, ClaimArticle>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const rows = db
      .select({ id: articles.id, body: articles.body, date: articles.date })
      .from(articles)
      .where(inArray(articles.id, ids.slice(i, i + IDS_PER_QUERY)))
      .all();
    for (const a of rows) quoted.set(a.id, { body: a.body, date: a.date ?? undefined });
  }
  return { claims: approved, articles: quoted };
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

/** An indexed article's text and date, with its content hash to tell whether it changed. */
export function quotedArticle(db: Db, id: string) {
  const row = db
    .select({ body: articles.body, date: articles.date, hash: articles.contentHash })
    .from(articles)
    .where(eq(articles.id, id))
    .get();
  return row && { body: row.body, date: row.date ?? undefined, hash: row.hash };
}

/** Adds one placed claim to the index (a proposal just approved). */
export function addLibraryClaimRow(tx: Db, row: LibraryClaimRow): void {
  insertMany(tx, claims, [row]);
  rebuildIndex(tx, "claims_fts");
}

/**
 * Places every server's approved claims anew, after the shared articles changed (an ingest);
 * returns the slugs of the claims that could not be placed.
 */
export function reindexLibraryClaims(tx: Db): string[] {
  const snapshot = approvedClaimsSnapshot(tx, undefined);
  const placed = placeClaims(snapshot.claims, snapshot.articles);
  writeLibraryClaimRows(tx, undefined, placed.rows);
  return placed.stale;
}

/**
 * What a server's library was built on: its last recorded change and the shared corpus's
 * version. Work prepared outside the write lock is written only if this has not changed.
 */
export function libraryState(db: Db, guildId: string): string {
  const last = db
    .select({ id: max(libraryEvents.id) })
    .from(libraryEvents)
    .where(eq(libraryEvents.guildId, guildId))
    .get();
  const corpus = db
    .select({ value: indexMeta.value })
    .from(indexMeta)
    .where(eq(indexMeta.key, "corpus_fingerprint"))
    .get();
  return `${last?.id ?? 0}/${corpus?.value ?? ""}`;
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

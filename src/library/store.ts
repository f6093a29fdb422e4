import { and, asc, count, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { CorpusReader } from "../corpus/reader.ts";
import type { Db } from "../db/client.ts";
import {
  articles,
  libraryArticles,
  libraryClaims,
  libraryEvents,
  libraryHidden,
  librarySettings,
  passages,
} from "../db/schema.ts";
import type { WriteQueue } from "../db/write-queue.ts";
import type { LibraryJobs } from "./jobs.ts";

/** Reads and writes of the library tables, each inside the caller's transaction or read. */

export interface Actor {
  readonly id: string;
  readonly name: string;
}

/** What the library's services work with, built once by the wiring. */
export interface LibraryDeps {
  readonly db: Db;
  readonly writes: WriteQueue;
  readonly corpus: CorpusReader;
  readonly clock: () => number;
  /** Where uploads and imports are analysed: worker threads with a budget per job. */
  readonly jobs: LibraryJobs;
}

/**
 * Stores claims a moderator brought in (an import) as approved, in place of those with the same
 * ids; returns how many it replaced. One statement for all: a per-claim upsert held the write
 * lock (and the event loop) for half a second on 500 claims.
 */
export function putApprovedClaims(
  tx: Db,
  guildId: string,
  actor: Actor,
  at: number,
  claims: readonly {
    readonly slug: string;
    readonly articleId: string;
    readonly claim: Record<string, unknown>;
  }[],
): number {
  const taken = new Set(
    tx
      .select({ slug: libraryClaims.slug })
      .from(libraryClaims)
      .where(eq(libraryClaims.guildId, guildId))
      .all()
      .map((c) => c.slug),
  );
  const who = {
    status: "approved" as const,
    proposedBy: actor.id,
    proposedByName: actor.name,
    proposedAt: at,
    reviewedBy: actor.id,
    reviewedByName: actor.name,
    reviewedAt: at,
  };
  // On a conflict the row takes the values it was to be inserted with.
  const inserted = (column: { name: string }) => sql.raw(`excluded."${column.name}"`);
  const c = libraryClaims;
  for (let i = 0; i < claims.length; i += UPSERT_CHUNK) {
    tx.insert(libraryClaims)
      .values(claims.slice(i, i + UPSERT_CHUNK).map((claim) => ({ guildId, ...claim, ...who })))
      .onConflictDoUpdate({
        target: [c.guildId, c.slug],
        set: {
          articleId: inserted(c.articleId),
          claim: inserted(c.claim),
          status: inserted(c.status),
          proposedBy: inserted(c.proposedBy),
          proposedByName: inserted(c.proposedByName),
          proposedAt: inserted(c.proposedAt),
          reviewedBy: inserted(c.reviewedBy),
          reviewedByName: inserted(c.reviewedByName),
          reviewedAt: inserted(c.reviewedAt),
        },
      })
      .run();
  }
  return claims.filter((c) => taken.has(c.slug)).length;
}

/** Rows of one multi-row upsert: 11 values each, well under SQLite's limit of variables. */
const UPSERT_CHUNK = 400;

export type LibraryAction =
  | "add"
  | "replace"
  | "remove"
  | "hide"
  | "show"
  | "propose"
  | "approve"
  | "reject"
  | "import"
  | "role";

export function recordEvent(
  tx: Db,
  guildId: string,
  actor: Actor,
  action: LibraryAction,
  subject: string,
  at: number,
): void {
  tx.insert(libraryEvents)
    .values({ guildId, at, userId: actor.id, userName: actor.name, action, subject })
    .run();
}

export function recentEvents(db: Db, guildId: string, limit: number) {
  return db
    .select()
    .from(libraryEvents)
    .where(eq(libraryEvents.guildId, guildId))
    .orderBy(desc(libraryEvents.at), desc(libraryEvents.id))
    .limit(limit)
    .all();
}

/** How often a user did something in the last `sinceMs` (proposals per hour). */
export function eventsSince(
  db: Db,
  guildId: string,
  userId: string,
  action: LibraryAction,
  since: number,
): number {
  return (
    db
      .select({ n: count() })
      .from(libraryEvents)
      .where(
        and(
          eq(libraryEvents.guildId, guildId),
          eq(libraryEvents.userId, userId),
          eq(libraryEvents.action, action),
          gt(libraryEvents.at, since),
        ),
      )
      .get()?.n ?? 0
  );
}

export function ownArticles(db: Db, guildId: string) {
  return db
    .select()
    .from(libraryArticles)
    .where(eq(libraryArticles.guildId, guildId))
    .orderBy(asc(libraryArticles.slug))
    .all();
}

export function ownArticle(db: Db, guildId: string, slug: string) {
  return db
    .select()
    .from(libraryArticles)
    .where(and(eq(libraryArticles.guildId, guildId), eq(libraryArticles.slug, slug)))
    .get();
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

export function hiddenArticles(db: Db, guildId: string) {
  return db
    .select({ articleId: libraryHidden.articleId, title: articles.title })
    .from(libraryHidden)
    .leftJoin(articles, eq(articles.id, libraryHidden.articleId))
    .where(eq(libraryHidden.guildId, guildId))
    .orderBy(asc(libraryHidden.articleId))
    .all();
}

export function claimsOf(db: Db, guildId: string, status?: "pending" | "approved" | "rejected") {
  return db
    .select()
    .from(libraryClaims)
    .where(
      and(
        eq(libraryClaims.guildId, guildId),
        status ? eq(libraryClaims.status, status) : undefined,
      ),
    )
    .orderBy(asc(libraryClaims.proposedAt), asc(libraryClaims.id))
    .all();
}

export function claimById(db: Db, guildId: string, id: number) {
  return db
    .select()
    .from(libraryClaims)
    .where(and(eq(libraryClaims.guildId, guildId), eq(libraryClaims.id, id)))
    .get();
}

export function claimSlugTaken(db: Db, guildId: string, slug: string): boolean {
  return (
    db
      .select({ id: libraryClaims.id })
      .from(libraryClaims)
      .where(and(eq(libraryClaims.guildId, guildId), eq(libraryClaims.slug, slug)))
      .get() !== undefined
  );
}

export function librarianRole(db: Db, guildId: string): string | null {
  return (
    db
      .select({ roleId: librarySettings.roleId })
      .from(librarySettings)
      .where(eq(librarySettings.guildId, guildId))
      .get()?.roleId ?? null
  );
}

export function setLibrarianRole(tx: Db, guildId: string, roleId: string | null): void {
  tx.insert(librarySettings)
    .values({ guildId, roleId })
    .onConflictDoUpdate({ target: librarySettings.guildId, set: { roleId } })
    .run();
}

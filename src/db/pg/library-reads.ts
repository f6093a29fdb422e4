import { and, asc, count, desc, eq, gt, max, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type {
  ClaimStatus,
  HiddenArticle,
  LibraryAction,
  LibraryArticle,
  LibraryClaim,
  LibraryEvent,
  LibrarySnapshot,
} from "../../library/stores.ts";
import type { PgDb } from "./client.ts";
import {
  libraryArticles,
  libraryClaims,
  libraryEvents,
  libraryHidden,
  librarySettings,
  libraryVersions,
} from "./schema.ts";

/**
 * Reads of the library tables, on the pool or inside a transaction (PgTx is a PgDb). The same
 * reads as src/db/sqlite/library-reads.ts, answering alike.
 */

/**
 * Text ordered byte by byte, as SQLite orders it: the database's own collation (en_US, say)
 * would sort "a-b" after "ab" on one server and before it on another.
 */
const bytewise = (column: AnyPgColumn): SQL => sql`${column} collate "C"`;

export async function versionOf(db: PgDb, guildId: string): Promise<number> {
  const [row] = await db
    .select({ version: libraryVersions.version })
    .from(libraryVersions)
    .where(eq(libraryVersions.guildId, guildId));
  return row?.version ?? 0;
}

export async function highestVersion(db: PgDb): Promise<number> {
  const [row] = await db.select({ v: max(libraryVersions.version) }).from(libraryVersions);
  return row?.v ?? 0;
}

/** The servers changed after `since` (all of them from 0), with their versions. */
export async function versionsAfter(
  db: PgDb,
  since: number,
  guildId?: string,
): Promise<Map<string, number>> {
  const rows = await db
    .select()
    .from(libraryVersions)
    .where(
      and(
        gt(libraryVersions.version, since),
        guildId === undefined ? undefined : eq(libraryVersions.guildId, guildId),
      ),
    );
  return new Map(rows.map((r) => [r.guildId, r.version]));
}

const articleColumns = {
  guildId: libraryArticles.guildId,
  slug: libraryArticles.slug,
  source: libraryArticles.source,
  addedBy: libraryArticles.addedBy,
  addedByName: libraryArticles.addedByName,
  addedAt: libraryArticles.addedAt,
};

export function articlesOf(db: PgDb, guildId: string): Promise<LibraryArticle[]> {
  return db
    .select(articleColumns)
    .from(libraryArticles)
    .where(eq(libraryArticles.guildId, guildId))
    .orderBy(bytewise(libraryArticles.slug));
}

export async function articleOf(
  db: PgDb,
  guildId: string,
  slug: string,
): Promise<LibraryArticle | undefined> {
  const [row] = await db
    .select(articleColumns)
    .from(libraryArticles)
    .where(and(eq(libraryArticles.guildId, guildId), eq(libraryArticles.slug, slug)));
  return row;
}

export function claimsOf(db: PgDb, guildId: string, status?: ClaimStatus): Promise<LibraryClaim[]> {
  return db
    .select()
    .from(libraryClaims)
    .where(
      and(
        eq(libraryClaims.guildId, guildId),
        status ? eq(libraryClaims.status, status) : undefined,
      ),
    )
    .orderBy(asc(libraryClaims.proposedAt), asc(libraryClaims.id));
}

export async function claimOf(
  db: PgDb,
  guildId: string,
  id: number,
): Promise<LibraryClaim | undefined> {
  const [row] = await db
    .select()
    .from(libraryClaims)
    .where(and(eq(libraryClaims.guildId, guildId), eq(libraryClaims.id, id)));
  return row;
}

export function hiddenOf(db: PgDb, guildId: string): Promise<HiddenArticle[]> {
  return db
    .select()
    .from(libraryHidden)
    .where(eq(libraryHidden.guildId, guildId))
    .orderBy(bytewise(libraryHidden.articleId));
}

export async function roleOf(db: PgDb, guildId: string): Promise<string | null> {
  const [row] = await db
    .select({ roleId: librarySettings.roleId })
    .from(librarySettings)
    .where(eq(librarySettings.guildId, guildId));
  return row?.roleId ?? null;
}

export function recentEventsOf(db: PgDb, guildId: string, limit: number): Promise<LibraryEvent[]> {
  return db
    .select()
    .from(libraryEvents)
    .where(eq(libraryEvents.guildId, guildId))
    .orderBy(desc(libraryEvents.at), desc(libraryEvents.id))
    .limit(limit);
}

export async function countEventsOf(
  db: PgDb,
  guildId: string,
  userId: string,
  action: LibraryAction,
  since: number,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(libraryEvents)
    .where(
      and(
        eq(libraryEvents.guildId, guildId),
        eq(libraryEvents.userId, userId),
        eq(libraryEvents.action, action),
        gt(libraryEvents.at, since),
      ),
    );
  return row?.n ?? 0;
}

/**
 * Every server's library (or one server's), read inside one REPEATABLE READ transaction (the
 * caller's): every statement sees the same moment.
 */
export async function snapshotOf(tx: PgDb, guildId?: string): Promise<LibrarySnapshot> {
  const articles = await tx
    .select(articleColumns)
    .from(libraryArticles)
    .where(guildId === undefined ? undefined : eq(libraryArticles.guildId, guildId));
  const approved = await tx
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
    .orderBy(asc(libraryClaims.id));
  const hidden = await tx
    .select({ guildId: libraryHidden.guildId, articleId: libraryHidden.articleId })
    .from(libraryHidden)
    .where(guildId === undefined ? undefined : eq(libraryHidden.guildId, guildId));
  return {
    version: await highestVersion(tx),
    servers: await versionsAfter(tx, 0, guildId),
    articles,
    approved,
    hidden,
  };
}

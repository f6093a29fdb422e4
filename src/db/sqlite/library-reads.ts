import { and, asc, count, desc, eq, gt, max } from "drizzle-orm";
import type {
  ClaimStatus,
  LibraryAction,
  LibraryArticle,
  LibraryClaim,
  LibrarySnapshot,
} from "../../library/stores.ts";
import type { Db } from "../client.ts";
import {
  libraryArticles,
  libraryClaims,
  libraryEvents,
  libraryHidden,
  librarySettings,
  libraryVersions,
} from "../schema.ts";

/** Reads of the library tables, on the reader or inside a write's transaction. */

const guildIs = (guildId: string | undefined) =>
  guildId === undefined ? undefined : eq(libraryVersions.guildId, guildId);

export function versionOf(db: Db, guildId: string): number {
  return (
    db
      .select({ version: libraryVersions.version })
      .from(libraryVersions)
      .where(eq(libraryVersions.guildId, guildId))
      .get()?.version ?? 0
  );
}

export function highestVersion(db: Db): number {
  return (
    db
      .select({ v: max(libraryVersions.version) })
      .from(libraryVersions)
      .get()?.v ?? 0
  );
}

/** The servers changed after `since` (all of them from 0), with their versions. */
export function versionsAfter(db: Db, since: number, guildId?: string): Map<string, number> {
  const rows = db
    .select()
    .from(libraryVersions)
    .where(and(gt(libraryVersions.version, since), guildIs(guildId)))
    .all();
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

export function articlesOf(db: Db, guildId: string): LibraryArticle[] {
  return db
    .select(articleColumns)
    .from(libraryArticles)
    .where(eq(libraryArticles.guildId, guildId))
    .orderBy(asc(libraryArticles.slug))
    .all();
}

export function articleOf(db: Db, guildId: string, slug: string): LibraryArticle | undefined {
  return db
    .select(articleColumns)
    .from(libraryArticles)
    .where(and(eq(libraryArticles.guildId, guildId), eq(libraryArticles.slug, slug)))
    .get();
}

export function claimsOf(db: Db, guildId: string, status?: ClaimStatus): LibraryClaim[] {
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

export function claimOf(db: Db, guildId: string, id: number): LibraryClaim | undefined {
  return db
    .select()
    .from(libraryClaims)
    .where(and(eq(libraryClaims.guildId, guildId), eq(libraryClaims.id, id)))
    .get();
}

export function hiddenOf(db: Db, guildId: string) {
  return db
    .select()
    .from(libraryHidden)
    .where(eq(libraryHidden.guildId, guildId))
    .orderBy(asc(libraryHidden.articleId))
    .all();
}

export function roleOf(db: Db, guildId: string): string | null {
  return (
    db
      .select({ roleId: librarySettings.roleId })
      .from(librarySettings)
      .where(eq(librarySettings.guildId, guildId))
      .get()?.roleId ?? null
  );
}

export function recentEventsOf(db: Db, guildId: string, limit: number) {
  return db
    .select()
    .from(libraryEvents)
    .where(eq(libraryEvents.guildId, guildId))
    .orderBy(desc(libraryEvents.at), desc(libraryEvents.id))
    .limit(limit)
    .all();
}

export function countEventsOf(
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

/** Every server's library (or one server's) in one read transaction: a consistent moment. */
export function snapshotOf(db: Db, guildId?: string): LibrarySnapshot {
  const read = (): LibrarySnapshot => {
    const articles = db
      .select(articleColumns)
      .from(libraryArticles)
      .where(guildId === undefined ? undefined : eq(libraryArticles.guildId, guildId))
      .all();
    const approved = db
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
      .orderBy(asc(libraryClaims.id))
      .all();
    const hidden = db
      .select({ guildId: libraryHidden.guildId, articleId: libraryHidden.articleId })
      .from(libraryHidden)
      .where(guildId === undefined ? undefined : eq(libraryHidden.guildId, guildId))
      .all();
    return {
      version: highestVersion(db),
      servers: versionsAfter(db, 0, guildId),
      articles,
      approved,
      hidden,
    };
  };
  return db.$client.transaction(read).deferred();
}

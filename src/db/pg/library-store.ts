import { and, eq } from "drizzle-orm";
import type pg from "pg";
import type { LibraryAction, LibraryStore } from "../../library/stores.ts";
import type { PgDb } from "./client.ts";
import { changed, lockLibraries, putApprovedClaims } from "./library-changes.ts";
import {
  articleOf,
  articlesOf,
  claimOf,
  claimsOf,
  countEventsOf,
  hiddenOf,
  highestVersion,
  recentEventsOf,
  roleOf,
  snapshotOf,
  versionOf,
  versionsAfter,
} from "./library-reads.ts";
import { libraryArticles, libraryClaims, libraryHidden, librarySettings } from "./schema.ts";
import { inTransaction, type PgTx } from "./transaction.ts";

const HOUR = 60 * 60 * 1000;

export interface PgLibraryStoreOptions {
  /**
   * How long a write may take, waiting for the writes before it included, before it fails as
   * "timeout" (the SQLite write queue's default wait is the same 10 s).
   */
  readonly deadlineMs?: number;
}

const DEFAULT_DEADLINE_MS = 10_000;

/**
 * The libraries on PostgreSQL: reads on the pool, each write one transaction that first takes
 * the libraries' write lock (lockLibraries), so its checks and its version hold at its commit,
 * in whichever process it runs. Every committed change is announced on LIBRARY_CHANNEL.
 */
export class PgLibraryStore implements LibraryStore {
  private readonly deadlineMs: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly db: PgDb,
    options: PgLibraryStoreOptions = {},
  ) {
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  }

  /** One library write: the lock, then `work`; tried again on a deadlock within the deadline. */
  private write<T>(work: (tx: PgTx) => Promise<T>): Promise<T> {
    return inTransaction(
      this.pool,
      async (tx) => {
        await lockLibraries(tx);
        return work(tx);
      },
      { deadlineMs: this.deadlineMs },
    );
  }

  version(guildId: string) {
    return versionOf(this.db, guildId);
  }

  async changesSince(since: number) {
    // The highest version first: a change committing between the two reads is then listed again
    // by the next call, never missed.
    const version = await highestVersion(this.db);
    return { version, servers: await versionsAfter(this.db, since) };
  }

  snapshot(guildId?: string) {
    return inTransaction(this.pool, (tx) => snapshotOf(tx, guildId), {
      deadlineMs: this.deadlineMs,
      isolation: "repeatable read",
    });
  }

  articles(guildId: string) {
    return articlesOf(this.db, guildId);
  }

  article(guildId: string, slug: string) {
    return articleOf(this.db, guildId, slug);
  }

  claims(guildId: string, status?: "pending" | "approved" | "rejected") {
    return claimsOf(this.db, guildId, status);
  }

  claim(guildId: string, id: number) {
    return claimOf(this.db, guildId, id);
  }

  hidden(guildId: string) {
    return hiddenOf(this.db, guildId);
  }

  role(guildId: string) {
    return roleOf(this.db, guildId);
  }

  recentEvents(guildId: string, limit: number) {
    return recentEventsOf(this.db, guildId, limit);
  }

  countEvents(guildId: string, userId: string, action: LibraryAction, since: number) {
    return countEventsOf(this.db, guildId, userId, action, since);
  }

  putArticle(w: Parameters<LibraryStore["putArticle"]>[0]) {
    return this.write(async (tx) => {
      const version = await versionOf(tx, w.guildId);
      if (version !== w.expected) return { kind: "changed" as const, version };
      const existing = await articleOf(tx, w.guildId, w.slug);
      if (!existing && (await articlesOf(tx, w.guildId)).length >= w.limit)
        return { kind: "too-many-articles" as const, limit: w.limit };
      const who = { addedBy: w.actor.id, addedByName: w.actor.name, addedAt: w.at };
      await tx
        .insert(libraryArticles)
        .values({ guildId: w.guildId, slug: w.slug, source: w.source, ...who })
        .onConflictDoUpdate({
          target: [libraryArticles.guildId, libraryArticles.slug],
          set: { source: w.source, ...who },
        });
      const kind = existing ? ("replaced" as const) : ("added" as const);
      return { kind, ...(await changed(tx, w, existing ? "replace" : "add", w.slug)) };
    });
  }

  removeArticle(w: Parameters<LibraryStore["removeArticle"]>[0]) {
    return this.write(async (tx) => {
      const own = and(eq(libraryArticles.guildId, w.guildId), eq(libraryArticles.slug, w.slug));
      const removed = await tx
        .delete(libraryArticles)
        .where(own)
        .returning({ id: libraryArticles.id });
      if (removed.length === 0) return { kind: "unknown" as const };
      const quoting = and(
        eq(libraryClaims.guildId, w.guildId),
        eq(libraryClaims.articleId, w.articleId),
      );
      const claims = (
        await tx.delete(libraryClaims).where(quoting).returning({ id: libraryClaims.id })
      ).length;
      return { kind: "removed" as const, claims, ...(await changed(tx, w, "remove", w.slug)) };
    });
  }

  hide(w: Parameters<LibraryStore["hide"]>[0]) {
    return this.write(async (tx) => {
      await tx
        .insert(libraryHidden)
        .values({
          guildId: w.guildId,
          articleId: w.articleId,
          hiddenBy: w.actor.id,
          hiddenAt: w.at,
        })
        .onConflictDoNothing();
      return { kind: "hidden" as const, ...(await changed(tx, w, "hide", w.articleId)) };
    });
  }

  show(w: Parameters<LibraryStore["show"]>[0]) {
    return this.write(async (tx) => {
      const which = and(
        eq(libraryHidden.guildId, w.guildId),
        eq(libraryHidden.articleId, w.articleId),
      );
      const shown = await tx
        .delete(libraryHidden)
        .where(which)
        .returning({ articleId: libraryHidden.articleId });
      if (shown.length === 0) return { kind: "unknown" as const };
      return { kind: "shown" as const, ...(await changed(tx, w, "show", w.articleId)) };
    });
  }

  setRole(w: Parameters<LibraryStore["setRole"]>[0]) {
    return this.write(async (tx) => {
      await tx
        .insert(librarySettings)
        .values({ guildId: w.guildId, roleId: w.roleId })
        .onConflictDoUpdate({ target: librarySettings.guildId, set: { roleId: w.roleId } });
      return { kind: "set" as const, ...(await changed(tx, w, "role", w.roleId ?? "-")) };
    });
  }

  propose(w: Parameters<LibraryStore["propose"]>[0]) {
    // Limit, free slug and insert under the libraries' write lock: proposals sent at once, from
    // any process, are counted one after another and never pick the same slug.
    return this.write(async (tx) => {
      const recent = await countEventsOf(tx, w.guildId, w.actor.id, "propose", w.at - HOUR);
      if (recent >= w.limits.perHour)
        return { kind: "too-often" as const, limit: w.limits.perHour };
      const existing = await claimsOf(tx, w.guildId);
      if (existing.length >= w.limits.claims)
        return { kind: "too-many-claims" as const, limit: w.limits.claims };
      const taken = new Set(existing.map((c) => c.slug));
      let slug = w.slugBase;
      for (let n = 2; taken.has(slug); n++) slug = `${w.slugBase.slice(0, 34)}-${n}`;
      await tx.insert(libraryClaims).values({
        guildId: w.guildId,
        slug,
        articleId: w.articleId,
        claim: { ...w.claim, id: slug },
        status: "pending",
        proposedBy: w.actor.id,
        proposedByName: w.actor.name,
        proposedAt: w.at,
      });
      return { kind: "proposed" as const, slug, ...(await changed(tx, w, "propose", slug)) };
    });
  }

  review(w: Parameters<LibraryStore["review"]>[0]) {
    return this.write(async (tx) => {
      const current = await claimOf(tx, w.guildId, w.id);
      if (current?.status !== "pending") return { kind: "unknown" as const };
      const version = await versionOf(tx, w.guildId);
      if (w.expected !== undefined && version !== w.expected)
        return { kind: "changed" as const, version };
      const reviewed = {
        status: w.approve ? ("approved" as const) : ("rejected" as const),
        reviewedBy: w.actor.id,
        reviewedByName: w.actor.name,
        reviewedAt: w.at,
      };
      await tx.update(libraryClaims).set(reviewed).where(eq(libraryClaims.id, w.id));
      return {
        kind: reviewed.status,
        claim: { ...current, ...reviewed },
        ...(await changed(tx, w, w.approve ? "approve" : "reject", current.slug)),
      };
    });
  }

  importLibrary(w: Parameters<LibraryStore["importLibrary"]>[0]) {
    return this.write(async (tx) => {
      const version = await versionOf(tx, w.guildId);
      if (version !== w.expected) return { kind: "changed" as const, version };
      // Only what the import adds counts: a server over a limit (from before it) may still replace.
      const articles = new Set((await articlesOf(tx, w.guildId)).map((a) => a.slug));
      const newArticles = w.articles.filter((a) => !articles.has(a.slug)).length;
      if (newArticles > 0 && articles.size + newArticles > w.limits.articles)
        return { kind: "too-many-articles" as const, limit: w.limits.articles };
      const claims = new Set((await claimsOf(tx, w.guildId)).map((c) => c.slug));
      const newClaims = w.claims.filter((c) => !claims.has(c.slug)).length;
      if (newClaims > 0 && claims.size + newClaims > w.limits.claims)
        return { kind: "too-many-claims" as const, limit: w.limits.claims };
      const who = { addedBy: w.actor.id, addedByName: w.actor.name, addedAt: w.at };
      for (const { slug, source } of w.articles)
        await tx
          .insert(libraryArticles)
          .values({ guildId: w.guildId, slug, source, ...who })
          .onConflictDoUpdate({
            target: [libraryArticles.guildId, libraryArticles.slug],
            set: { source, ...who },
          });
      const replacedClaims = await putApprovedClaims(tx, w, w.claims);
      return {
        kind: "imported" as const,
        replacedClaims,
        ...(await changed(tx, w, "import", w.subject)),
      };
    });
  }
}

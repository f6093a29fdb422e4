import { and, eq } from "drizzle-orm";
import type { LibraryAction, LibraryStore } from "../../library/stores.ts";
import type { Db } from "../client.ts";
import { libraryArticles, libraryClaims, libraryHidden, librarySettings } from "../schema.ts";
import type { WriteQueue } from "../write-queue.ts";
import { changed, putApprovedClaims } from "./library-changes.ts";
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

const HOUR = 60 * 60 * 1000;

/** The libraries in the SQLite file: reads on the reader, each write one queued transaction. */
export class SqliteLibraryStore implements LibraryStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteQueue,
  ) {}

  async version(guildId: string) {
    return versionOf(this.db, guildId);
  }

  async changesSince(since: number) {
    return { version: highestVersion(this.db), servers: versionsAfter(this.db, since) };
  }

  async snapshot(guildId?: string) {
    return snapshotOf(this.db, guildId);
  }

  async articles(guildId: string) {
    return articlesOf(this.db, guildId);
  }

  async article(guildId: string, slug: string) {
    return articleOf(this.db, guildId, slug);
  }

  async claims(guildId: string, status?: "pending" | "approved" | "rejected") {
    return claimsOf(this.db, guildId, status);
  }

  async claim(guildId: string, id: number) {
    return claimOf(this.db, guildId, id);
  }

  async hidden(guildId: string) {
    return hiddenOf(this.db, guildId);
  }

  async role(guildId: string) {
    return roleOf(this.db, guildId);
  }

  async recentEvents(guildId: string, limit: number) {
    return recentEventsOf(this.db, guildId, limit);
  }

  async countEvents(guildId: string, userId: string, action: LibraryAction, since: number) {
    return countEventsOf(this.db, guildId, userId, action, since);
  }

  putArticle(w: Parameters<LibraryStore["putArticle"]>[0]) {
    return this.writes.run((tx) => {
      const version = versionOf(tx, w.guildId);
      if (version !== w.expected) return { kind: "changed" as const, version };
      const existing = articleOf(tx, w.guildId, w.slug);
      if (!existing && articlesOf(tx, w.guildId).length >= w.limit)
        return { kind: "too-many-articles" as const, limit: w.limit };
      const who = { addedBy: w.actor.id, addedByName: w.actor.name, addedAt: w.at };
      tx.insert(libraryArticles)
        .values({ guildId: w.guildId, slug: w.slug, source: w.source, ...who })
        .onConflictDoUpdate({
          target: [libraryArticles.guildId, libraryArticles.slug],
          set: { source: w.source, ...who },
        })
        .run();
      const kind = existing ? ("replaced" as const) : ("added" as const);
      return { kind, ...changed(tx, w, existing ? "replace" : "add", w.slug) };
    });
  }

  removeArticle(w: Parameters<LibraryStore["removeArticle"]>[0]) {
    return this.writes.run((tx) => {
      const own = and(eq(libraryArticles.guildId, w.guildId), eq(libraryArticles.slug, w.slug));
      if (tx.delete(libraryArticles).where(own).run().changes === 0)
        return { kind: "unknown" as const };
      const quoting = and(
        eq(libraryClaims.guildId, w.guildId),
        eq(libraryClaims.articleId, w.articleId),
      );
      const claims = tx.delete(libraryClaims).where(quoting).run().changes;
      return { kind: "removed" as const, claims, ...changed(tx, w, "remove", w.slug) };
    });
  }

  hide(w: Parameters<LibraryStore["hide"]>[0]) {
    return this.writes.run((tx) => {
      tx.insert(libraryHidden)
        .values({
          guildId: w.guildId,
          articleId: w.articleId,
          hiddenBy: w.actor.id,
          hiddenAt: w.at,
        })
        .onConflictDoNothing()
        .run();
      return { kind: "hidden" as const, ...changed(tx, w, "hide", w.articleId) };
    });
  }

  show(w: Parameters<LibraryStore["show"]>[0]) {
    return this.writes.run((tx) => {
      const which = and(
        eq(libraryHidden.guildId, w.guildId),
        eq(libraryHidden.articleId, w.articleId),
      );
      if (tx.delete(libraryHidden).where(which).run().changes === 0)
        return { kind: "unknown" as const };
      return { kind: "shown" as const, ...changed(tx, w, "show", w.articleId) };
    });
  }

  setRole(w: Parameters<LibraryStore["setRole"]>[0]) {
    return this.writes.run((tx) => {
      tx.insert(librarySettings)
        .values({ guildId: w.guildId, roleId: w.roleId })
        .onConflictDoUpdate({ target: librarySettings.guildId, set: { roleId: w.roleId } })
        .run();
      return { kind: "set" as const, ...changed(tx, w, "role", w.roleId ?? "-") };
    });
  }

  propose(w: Parameters<LibraryStore["propose"]>[0]) {
    // Limit, free slug and insert in one write transaction (one writer at a time): proposals
    // sent at once are counted one after another and never pick the same slug.
    return this.writes.run((tx) => {
      if (countEventsOf(tx, w.guildId, w.actor.id, "propose", w.at - HOUR) >= w.limits.perHour)
        return { kind: "too-often" as const, limit: w.limits.perHour };
      const existing = claimsOf(tx, w.guildId);
      if (existing.length >= w.limits.claims)
        return { kind: "too-many-claims" as const, limit: w.limits.claims };
      const taken = new Set(existing.map((c) => c.slug));
      let slug = w.slugBase;
      for (let n = 2; taken.has(slug); n++) slug = `${w.slugBase.slice(0, 34)}-${n}`;
      tx.insert(libraryClaims)
        .values({
          guildId: w.guildId,
          slug,
          articleId: w.articleId,
          claim: { ...w.claim, id: slug },
          status: "pending",
          proposedBy: w.actor.id,
          proposedByName: w.actor.name,
          proposedAt: w.at,
        })
        .run();
      return { kind: "proposed" as const, slug, ...changed(tx, w, "propose", slug) };
    });
  }

  review(w: Parameters<LibraryStore["review"]>[0]) {
    return this.writes.run((tx) => {
      const current = claimOf(tx, w.guildId, w.id);
      if (current?.status !== "pending") return { kind: "unknown" as const };
      const version = versionOf(tx, w.guildId);
      if (w.expected !== undefined && version !== w.expected)
        return { kind: "changed" as const, version };
      const reviewed = {
        status: w.approve ? ("approved" as const) : ("rejected" as const),
        reviewedBy: w.actor.id,
        reviewedByName: w.actor.name,
        reviewedAt: w.at,
      };
      tx.update(libraryClaims).set(reviewed).where(eq(libraryClaims.id, w.id)).run();
      return {
        kind: reviewed.status,
        claim: { ...current, ...reviewed },
        ...changed(tx, w, w.approve ? "approve" : "reject", current.slug),
      };
    });
  }

  importLibrary(w: Parameters<LibraryStore["importLibrary"]>[0]) {
    return this.writes.run((tx) => {
      const version = versionOf(tx, w.guildId);
      if (version !== w.expected) return { kind: "changed" as const, version };
      // Only what the import adds counts: a server over a limit (from before it) may still replace.
      const articles = new Set(articlesOf(tx, w.guildId).map((a) => a.slug));
      const newArticles = w.articles.filter((a) => !articles.has(a.slug)).length;
      if (newArticles > 0 && articles.size + newArticles > w.limits.articles)
        return { kind: "too-many-articles" as const, limit: w.limits.articles };
      const claims = new Set(claimsOf(tx, w.guildId).map((c) => c.slug));
      const newClaims = w.claims.filter((c) => !claims.has(c.slug)).length;
      if (newClaims > 0 && claims.size + newClaims > w.limits.claims)
        return { kind: "too-many-claims" as const, limit: w.limits.claims };
      const who = { addedBy: w.actor.id, addedByName: w.actor.name, addedAt: w.at };
      for (const { slug, source } of w.articles)
        tx.insert(libraryArticles)
          .values({ guildId: w.guildId, slug, source, ...who })
          .onConflictDoUpdate({
            target: [libraryArticles.guildId, libraryArticles.slug],
            set: { source, ...who },
          })
          .run();
      const replacedClaims = putApprovedClaims(tx, w, w.claims);
      return {
        kind: "imported" as const,
        replacedClaims,
        ...changed(tx, w, "import", w.subject),
      };
    });
  }
}

import { and, eq } from "drizzle-orm";
import { rebuildIndex } from "../corpus/fts.ts";
import { libraryArticles, libraryClaims, libraryHidden } from "../db/schema.ts";
import type { NewArticle } from "./analysis.ts";
import { isLibraryId, libraryId, shownId } from "./ids.ts";
import {
  bumpLibraryVersion,
  putIndexedArticle,
  removeIndexedArticle,
  writeLibraryClaimRows,
} from "./index-library.ts";
import { LIBRARY_LIMITS, type Refusal, sharedIdProblem, storeOrRefuse } from "./limits.ts";
import { analyseThenStore } from "./prepared.ts";
import {
  type Actor,
  claimsOf,
  hiddenArticles,
  indexedFacts,
  type LibraryDeps,
  librarianRole,
  ownArticle,
  ownArticles,
  recentEvents,
  recordEvent,
  setLibrarianRole,
} from "./store.ts";
import {
  type BundleImportOutcome,
  type ExportOutcome,
  exportLibrary,
  importLibrary,
} from "./transfer.ts";
import { statedTitle, type UploadedText, uploadSlug } from "./upload.ts";

export type AddOutcome =
  | {
      readonly kind: "added" | "replaced";
      readonly slug: string;
      readonly title: string;
      readonly passages: number;
    }
  /** The file states no title and none was given: ask for one (this one is a guess). */
  | { readonly kind: "needs-title"; readonly suggestion: string }
  | Refusal;

export type RemoveOutcome =
  | { readonly kind: "removed"; readonly title: string; readonly claims: number }
  | { readonly kind: "hidden" | "shown"; readonly title: string }
  | Refusal;

/** A server's own articles, the shared ones it hides, its claims and its history. */
export interface LibraryListing {
  readonly articles: readonly {
    readonly slug: string;
    readonly title: string | null;
    readonly passages: number;
    readonly addedByName: string;
    readonly addedAt: number;
  }[];
  readonly hidden: readonly { readonly id: string; readonly title: string | null }[];
  readonly claims: {
    readonly pending: number;
    readonly approved: number;
    readonly rejected: number;
  };
  readonly events: readonly {
    readonly at: number;
    readonly userName: string;
    readonly action: string;
    readonly subject: string;
  }[];
  readonly roleId: string | null;
}

const EVENTS_LISTED = 10;

/** A server's own reading: articles added in Discord, shared articles it hides, who did what. */
export class Library {
  constructor(private readonly deps: LibraryDeps) {}

  /** Whether a member may manage this server's library: Manage Server, or the role it set. */
  mayManage(guildId: string, member: { canManageGuild: boolean; roleIds: readonly string[] }) {
    if (member.canManageGuild) return true;
    const role = librarianRole(this.deps.db, guildId);
    return role !== null && member.roleIds.includes(role);
  }

  /**
   * Checks an uploaded article as a corpus file and indexes it, citable in this server at once.
   * A file with the slug of one of the server's articles replaces it.
   */
  async add(
    guildId: string,
    actor: Actor,
    upload: UploadedText,
    title?: string,
  ): Promise<AddOutcome> {
    if (Buffer.byteLength(upload.text) > LIBRARY_LIMITS.fileBytes)
      return { kind: "too-large", limit: LIBRARY_LIMITS.fileBytes };
    const slug = uploadSlug(upload, title?.trim() || statedTitle(upload));
    if (this.deps.corpus.resolve(slug, null) !== undefined)
      return { kind: "invalid", problems: [`${upload.filename}:1: ${sharedIdProblem(slug)}`] };
    const now = this.deps.clock();
    return analyseThenStore(
      this.deps,
      guildId,
      (approved) => ({ kind: "article", guildId, approved, upload, title, now }),
      (tx, prepared): AddOutcome => {
        const [{ slug, source, rows }] = prepared.articles as [NewArticle];
        const existing = ownArticle(tx, guildId, slug);
        if (!existing && ownArticles(tx, guildId).length >= LIBRARY_LIMITS.articles)
          return { kind: "too-many-articles", limit: LIBRARY_LIMITS.articles };
        if (existing)
          tx.update(libraryArticles)
            .set({ source, addedBy: actor.id, addedByName: actor.name, addedAt: now })
            .where(eq(libraryArticles.id, existing.id))
            .run();
        else
          tx.insert(libraryArticles)
            .values({
              guildId,
              slug,
              source,
              addedBy: actor.id,
              addedByName: actor.name,
              addedAt: now,
            })
            .run();
        putIndexedArticle(tx, rows);
        writeLibraryClaimRows(tx, guildId, prepared.placed.rows);
        bumpLibraryVersion(tx, now);
        recordEvent(tx, guildId, actor, existing ? "replace" : "add", slug, now);
        return {
          kind: existing ? "replaced" : "added",
          slug,
          title: rows.article.title ?? slug,
          passages: rows.passages.filter((p) => !p.isHeading).length,
        };
      },
    );
  }

  /**
   * Removes one of the server's own articles (with the claims that quote it), or hides a shared
   * article from this server.
   */
  async remove(guildId: string, actor: Actor, typed: string): Promise<RemoveOutcome> {
    // An own article named like a shared one (stored before such names were refused) is what a
    // server manages first: removing it must not hide the shared one instead.
    const id = ownArticle(this.deps.db, guildId, typed)
      ? libraryId(guildId, typed)
      : this.deps.corpus.resolve(typed, guildId);
    if (id === undefined) return { kind: "unknown-article", typed };
    const title = indexedFacts(this.deps.db, [id]).get(id)?.title ?? typed;
    const now = this.deps.clock();
    if (!isLibraryId(id)) {
      return storeOrRefuse(this.deps.writes, (tx): RemoveOutcome => {
        tx.insert(libraryHidden)
          .values({ guildId, articleId: id, hiddenBy: actor.id, hiddenAt: now })
          .onConflictDoNothing()
          .run();
        bumpLibraryVersion(tx, now);
        recordEvent(tx, guildId, actor, "hide", id, now);
        return { kind: "hidden", title };
      });
    }
    const own = ownArticle(this.deps.db, guildId, shownId(id));
    if (!own) return { kind: "unknown-article", typed };
    return storeOrRefuse(this.deps.writes, (tx): RemoveOutcome => {
      const quoting = and(eq(libraryClaims.guildId, guildId), eq(libraryClaims.articleId, id));
      const claims = tx.delete(libraryClaims).where(quoting).run().changes;
      tx.delete(libraryArticles).where(eq(libraryArticles.id, own.id)).run();
      removeIndexedArticle(tx, id);
      rebuildIndex(tx, "claims_fts");
      bumpLibraryVersion(tx, now);
      recordEvent(tx, guildId, actor, "remove", own.slug, now);
      return { kind: "removed", title, claims };
    });
  }

  /** Shows a shared article this server hid. */
  async show(guildId: string, actor: Actor, articleId: string): Promise<RemoveOutcome> {
    const hidden = hiddenArticles(this.deps.db, guildId).find((h) => h.articleId === articleId);
    if (!hidden) return { kind: "unknown-article", typed: articleId };
    const now = this.deps.clock();
    return storeOrRefuse(this.deps.writes, (tx): RemoveOutcome => {
      tx.delete(libraryHidden)
        .where(and(eq(libraryHidden.guildId, guildId), eq(libraryHidden.articleId, articleId)))
        .run();
      bumpLibraryVersion(tx, now);
      recordEvent(tx, guildId, actor, "show", articleId, now);
      return { kind: "shown", title: hidden.title ?? articleId };
    });
  }

  /** The server's articles and approved claims as one zip in the corpus layout. */
  exportZip(guildId: string): Promise<ExportOutcome> {
    return exportLibrary(this.deps, guildId);
  }

  /** Imports a library zip (as exported), all or nothing. */
  importZip(guildId: string, actor: Actor, zip: Uint8Array): Promise<BundleImportOutcome> {
    return importLibrary(this.deps, guildId, actor, zip);
  }

  /** Shared articles this server hides, for autocomplete. */
  hidden(guildId: string) {
    return hiddenArticles(this.deps.db, guildId);
  }

  /** Sets (or, with null, clears) the role that may manage the library besides Manage Server. */
  async setRole(
    guildId: string,
    actor: Actor,
    roleId: string | null,
  ): Promise<{ kind: "set" } | Refusal> {
    const now = this.deps.clock();
    return storeOrRefuse(this.deps.writes, (tx) => {
      setLibrarianRole(tx, guildId, roleId);
      recordEvent(tx, guildId, actor, "role", roleId ?? "-", now);
      return { kind: "set" as const };
    });
  }

  list(guildId: string): LibraryListing {
    const db = this.deps.db;
    const own = ownArticles(db, guildId);
    const facts = indexedFacts(
      db,
      own.map((a) => libraryId(guildId, a.slug)),
    );
    const claims = claimsOf(db, guildId);
    const countOf = (status: string) => claims.filter((c) => c.status === status).length;
    return {
      articles: own.map((a) => ({
        slug: a.slug,
        title: facts.get(libraryId(guildId, a.slug))?.title ?? null,
        passages: facts.get(libraryId(guildId, a.slug))?.passages ?? 0,
        addedByName: a.addedByName,
        addedAt: a.addedAt,
      })),
      hidden: hiddenArticles(db, guildId).map((h) => ({ id: h.articleId, title: h.title })),
      claims: {
        pending: countOf("pending"),
        approved: countOf("approved"),
        rejected: countOf("rejected"),
      },
      events: recentEvents(db, guildId, EVENTS_LISTED),
      roleId: librarianRole(db, guildId),
    };
  }
}

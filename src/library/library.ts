import type { NewArticle } from "./analysis.ts";
import { isLibraryId, libraryId, shownId } from "./ids.ts";
import { indexedFacts, indexedHiddenArticles } from "./index-library.ts";
import { LIBRARY_LIMITS, type Refusal, sharedIdProblem, storeOrRefuse } from "./limits.ts";
import { analyseThenStore } from "./prepared.ts";
import { type LibraryDeps, versions } from "./services.ts";
import type { Actor, Changed } from "./stores.ts";
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
  async mayManage(
    guildId: string,
    member: { canManageGuild: boolean; roleIds: readonly string[] },
  ): Promise<boolean> {
    if (member.canManageGuild) return true;
    const role = await this.deps.store.role(guildId);
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
      async (prepared, on): Promise<AddOutcome | Changed> => {
        const [{ slug, source, rows }] = prepared.articles as [NewArticle];
        const stored = await this.deps.store.putArticle({
          guildId,
          actor,
          at: now,
          expected: on.expected,
          slug,
          source,
          limit: LIBRARY_LIMITS.articles,
        });
        if (stored.kind === "too-many-articles" || stored.kind === "changed") return stored;
        await this.deps.index.apply({
          guildId,
          previous: stored.previous,
          version: stored.version,
          preparedOn: on.index,
          articles: [rows],
          claims: { replace: prepared.placed.rows },
        });
        return {
          kind: stored.kind,
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
    const { store, index } = this.deps;
    // An own article named like a shared one (stored before such names were refused) is what a
    // server manages first: removing it must not hide the shared one instead.
    const id = (await store.article(guildId, typed))
      ? libraryId(guildId, typed)
      : this.deps.corpus.resolve(typed, guildId);
    if (id === undefined) return { kind: "unknown-article", typed };
    const title = indexedFacts(this.deps.db, [id]).get(id)?.title ?? typed;
    const by = { guildId, actor, at: this.deps.clock() };
    if (!isLibraryId(id)) {
      const hidden = await storeOrRefuse(() => store.hide({ ...by, articleId: id }));
      if (hidden.kind !== "hidden") return hidden;
      await index.apply({ guildId, ...versions(hidden), hidden: id });
      return { kind: "hidden", title };
    }
    const slug = shownId(id);
    const removed = await storeOrRefuse(() => store.removeArticle({ ...by, slug, articleId: id }));
    if (removed.kind === "unknown") return { kind: "unknown-article", typed };
    if (removed.kind !== "removed") return removed;
    await index.apply({ guildId, ...versions(removed), removed: id });
    return { kind: "removed", title, claims: removed.claims };
  }

  /** Shows a shared article this server hid. */
  async show(guildId: string, actor: Actor, articleId: string): Promise<RemoveOutcome> {
    const shown = await storeOrRefuse(() =>
      this.deps.store.show({ guildId, actor, at: this.deps.clock(), articleId }),
    );
    if (shown.kind === "unknown") return { kind: "unknown-article", typed: articleId };
    if (shown.kind !== "shown") return shown;
    await this.deps.index.apply({ guildId, ...versions(shown), shown: articleId });
    const title = indexedFacts(this.deps.db, [articleId]).get(articleId)?.title;
    return { kind: "shown", title: title ?? articleId };
  }

  /** The server's articles and approved claims as one zip in the corpus layout. */
  exportZip(guildId: string): Promise<ExportOutcome> {
    return exportLibrary(this.deps, guildId);
  }

  /** Imports a library zip (as exported), all or nothing. */
  importZip(guildId: string, actor: Actor, zip: Uint8Array): Promise<BundleImportOutcome> {
    return importLibrary(this.deps, guildId, actor, zip);
  }

  /**
   * Shared articles this server hides, for autocomplete: read from the index's mirror (an
   * autocomplete answers at once, without waiting on the store).
   */
  hidden(guildId: string) {
    return indexedHiddenArticles(this.deps.db, guildId);
  }

  /** Sets (or, with null, clears) the role that may manage the library besides Manage Server. */
  async setRole(
    guildId: string,
    actor: Actor,
    roleId: string | null,
  ): Promise<{ kind: "set" } | Refusal> {
    const set = await storeOrRefuse(() =>
      this.deps.store.setRole({ guildId, actor, at: this.deps.clock(), roleId }),
    );
    if (set.kind !== "set") return set;
    await this.deps.index.apply({ guildId, ...versions(set) });
    return { kind: "set" };
  }

  async list(guildId: string): Promise<LibraryListing> {
    const { store, db } = this.deps;
    const [own, claims, hidden, events, roleId] = await Promise.all([
      store.articles(guildId),
      store.claims(guildId),
      store.hidden(guildId),
      store.recentEvents(guildId, EVENTS_LISTED),
      store.role(guildId),
    ]);
    const facts = indexedFacts(db, [
      ...own.map((a) => libraryId(guildId, a.slug)),
      ...hidden.map((h) => h.articleId),
    ]);
    const countOf = (status: string) => claims.filter((c) => c.status === status).length;
    return {
      articles: own.map((a) => ({
        slug: a.slug,
        title: facts.get(libraryId(guildId, a.slug))?.title ?? null,
        passages: facts.get(libraryId(guildId, a.slug))?.passages ?? 0,
        addedByName: a.addedByName,
        addedAt: a.addedAt,
      })),
      hidden: hidden.map((h) => ({
        id: h.articleId,
        title: facts.get(h.articleId)?.title ?? null,
      })),
      claims: {
        pending: countOf("pending"),
        approved: countOf("approved"),
        rejected: countOf("rejected"),
      },
      events: events.map(({ at, userName, action, subject }) => ({
        at,
        userName,
        action,
        subject,
      })),
      roleId,
    };
  }
}

/**
 * The servers' libraries as stored: the source of truth, whichever database holds it (the
 * SQLite file by default, PostgreSQL when configured). Every method returns a promise and no
 * transaction crosses this interface: each write is one transaction of the store's own, which
 * checks the rules that must hold at the moment of writing (limits, free ids, the version the
 * write was prepared from) and records its event in the same commit.
 *
 * A write that did not commit rejects with `WriteFailedError` (db/write-queue.ts), whose reason
 * says whether trying again can help; any store maps its database's failures onto it.
 *
 * The search index is not part of this: it is derived from what these methods read (see
 * search/library-index.ts) and brought in line after each change.
 */

export interface Actor {
  readonly id: string;
  readonly name: string;
}

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

export type ClaimStatus = "pending" | "approved" | "rejected";

/** An article a server added (/library add or an import): the corpus file's text. */
export interface LibraryArticle {
  readonly guildId: string;
  readonly slug: string;
  /** The article as a corpus file: front matter and body. */
  readonly source: string;
  readonly addedBy: string;
  readonly addedByName: string;
  readonly addedAt: number;
}

/** A quiz claim of a server: proposed, approved (asked in its rounds) or rejected. */
export interface LibraryClaim {
  /** The store's id, unique across servers (proposal buttons carry it). */
  readonly id: number;
  readonly guildId: string;
  readonly slug: string;
  /** The index id of the article it quotes: a shared article or one of the server's own. */
  readonly articleId: string;
  /** The claim as in a claims file, its `id` the slug. */
  readonly claim: Record<string, unknown>;
  readonly status: ClaimStatus;
  readonly proposedBy: string;
  readonly proposedByName: string;
  readonly proposedAt: number;
  readonly reviewedBy: string | null;
  readonly reviewedByName: string | null;
  readonly reviewedAt: number | null;
}

/** A shared article a server does not want: not cited, not asked there. */
export interface HiddenArticle {
  readonly guildId: string;
  readonly articleId: string;
  readonly hiddenBy: string;
  readonly hiddenAt: number;
}

/** Who did what in a server's library, and when. */
export interface LibraryEvent {
  readonly id: number;
  readonly guildId: string;
  readonly at: number;
  readonly userId: string;
  readonly userName: string;
  readonly action: string;
  readonly subject: string;
}

/** A claim a moderator brought in (an import): stored as approved, replacing one of its slug. */
export interface ImportedClaim {
  readonly slug: string;
  readonly articleId: string;
  readonly claim: Record<string, unknown>;
}

/** An approved claim with its server: what the index places in the article it quotes. */
export interface ApprovedClaim {
  readonly guildId: string;
  readonly slug: string;
  readonly articleId: string;
  readonly claim: Record<string, unknown>;
}

/**
 * A library version. Every change of a server's library (any write below) takes the next
 * number of one counter shared by all servers, in the write's own commit, and versions are
 * given out in commit order: a reader who saw version v and later asks what changed since v
 * misses nothing. 0: never changed.
 */
export type LibraryVersion = number;

/** Who changes a server's library, and when: every write records one event with these. */
export interface Authored {
  readonly guildId: string;
  readonly actor: Actor;
  readonly at: number;
}

/**
 * Work prepared outside the write (an analysis in a worker, a claim placed in its article) is
 * written only onto the library it was prepared from: `expected` is the server's version read
 * before preparing. Should the server's library be at another version, nothing is written.
 */
export interface Expecting {
  readonly expected: LibraryVersion;
}

/** The server's library changed since the expected version: nothing was written. */
export interface Changed {
  readonly kind: "changed";
  /** The server's version now. */
  readonly version: LibraryVersion;
}

/** A write that was stored, with the server's version before it and the one it produced. */
type Stored<T> = T & { readonly previous: LibraryVersion; readonly version: LibraryVersion };

export type TooManyArticles = { readonly kind: "too-many-articles"; readonly limit: number };
export type TooManyClaims = { readonly kind: "too-many-claims"; readonly limit: number };

/** Everything the search index is built from, read at one moment. */
export interface LibrarySnapshot {
  /** The highest version given out when it was read. */
  readonly version: LibraryVersion;
  /** Each server's version, for every server whose library ever changed. */
  readonly servers: ReadonlyMap<string, LibraryVersion>;
  readonly articles: readonly LibraryArticle[];
  readonly approved: readonly ApprovedClaim[];
  readonly hidden: readonly { readonly guildId: string; readonly articleId: string }[];
}

/** The servers changed after a version, each with its version now. */
export interface LibraryChanges {
  readonly version: LibraryVersion;
  readonly servers: ReadonlyMap<string, LibraryVersion>;
}

export interface LibraryStore {
  // ---- reads ----

  /** A server's version now (0 when its library never changed). */
  version(guildId: string): Promise<LibraryVersion>;
  /** The servers whose library changed after `since`, and the highest version now. */
  changesSince(since: LibraryVersion): Promise<LibraryChanges>;
  /** Every server's library (or one server's) as the index is built from it, at one moment. */
  snapshot(guildId?: string): Promise<LibrarySnapshot>;

  /** A server's own articles, by slug. */
  articles(guildId: string): Promise<LibraryArticle[]>;
  article(guildId: string, slug: string): Promise<LibraryArticle | undefined>;
  /** A server's claims (of one status), oldest proposal first. */
  claims(guildId: string, status?: ClaimStatus): Promise<LibraryClaim[]>;
  claim(guildId: string, id: number): Promise<LibraryClaim | undefined>;
  /** The shared articles a server hides, by id. */
  hidden(guildId: string): Promise<HiddenArticle[]>;
  /** The role that may manage the server's library besides Manage Server. */
  role(guildId: string): Promise<string | null>;
  /** A server's latest events, newest first. */
  recentEvents(guildId: string, limit: number): Promise<LibraryEvent[]>;
  /** How often a member did `action` in a server after `since` (proposals in the last hour). */
  countEvents(
    guildId: string,
    userId: string,
    action: LibraryAction,
    since: number,
  ): Promise<number>;

  // ---- writes: each bumps the server's version and records its event in the same commit ----

  /**
   * Adds an article, or replaces the server's article of that slug ("replace" event). A new one
   * is refused when the server has `limit` articles.
   */
  putArticle(
    write: Authored &
      Expecting & { readonly slug: string; readonly source: string; readonly limit: number },
  ): Promise<Stored<{ readonly kind: "added" | "replaced" }> | TooManyArticles | Changed>;

  /** Removes a server's article with the claims that quote it. */
  removeArticle(
    write: Authored & { readonly slug: string; readonly articleId: string },
  ): Promise<Stored<{ readonly kind: "removed"; readonly claims: number }> | { kind: "unknown" }>;

  /** Hides a shared article from the server (hiding it again changes nothing but the version). */
  hide(
    write: Authored & { readonly articleId: string },
  ): Promise<Stored<{ readonly kind: "hidden" }>>;

  /** Shows a shared article the server hid. */
  show(
    write: Authored & { readonly articleId: string },
  ): Promise<Stored<{ readonly kind: "shown" }> | { readonly kind: "unknown" }>;

  /** Sets (or, with null, clears) the librarian role. */
  setRole(
    write: Authored & { readonly roleId: string | null },
  ): Promise<Stored<{ readonly kind: "set" }>>;

  /**
   * Keeps a member's proposal as pending. Inside the write: refused when the member made
   * `perHour` proposals in the server in the hour before `at`, or the server has `claims`
   * claims; the slug is `slugBase`, or the first free `slugBase(≤34 chars)-n` from n = 2 on. The
   * claim is stored with its `id` set to that slug. Proposals sent at once never share a slug
   * and never pass the limits together.
   */
  propose(
    write: Authored & {
      readonly articleId: string;
      readonly slugBase: string;
      readonly claim: Record<string, unknown>;
      readonly limits: { readonly perHour: number; readonly claims: number };
    },
  ): Promise<
    | Stored<{ readonly kind: "proposed"; readonly slug: string }>
    | { readonly kind: "too-often"; readonly limit: number }
    | TooManyClaims
  >;

  /**
   * Approves or rejects a pending proposal. An approval carries the version its claim was placed
   * on (`expected`); a rejection needs none. Not pending (or not the server's): "unknown".
   */
  review(
    write: Authored & {
      readonly id: number;
      readonly approve: boolean;
      readonly expected?: LibraryVersion;
    },
  ): Promise<
    | Stored<{ readonly kind: "approved" | "rejected"; readonly claim: LibraryClaim }>
    | { readonly kind: "unknown" }
    | Changed
  >;

  /**
   * Imports claims (a claims file, or a zip's) as approved, replacing those of the same slugs,
   * and the zip's articles, replacing those of the same slugs. Refused as a whole when the new
   * slugs it adds would take the server over `limits.articles` articles or `limits.claims`
   * claims (replacing is never refused for a limit). `subject` is the event's.
   */
  importLibrary(
    write: Authored &
      Expecting & {
        readonly articles: readonly { readonly slug: string; readonly source: string }[];
        readonly claims: readonly ImportedClaim[];
        readonly limits: { readonly articles: number; readonly claims: number };
        readonly subject: string;
      },
  ): Promise<
    | Stored<{ readonly kind: "imported"; readonly replacedClaims: number }>
    | TooManyArticles
    | TooManyClaims
    | Changed
  >;
}

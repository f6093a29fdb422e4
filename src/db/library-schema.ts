import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/** The tables of the servers' own libraries (/library): kept, never derived from the corpus. */

/**
 * An article a server added to its library (/library add): the source of truth for it. The
 * index (articles, passages) holds a copy under the id `g<guild>-<slug>`, rebuilt from here.
 */
export const libraryArticles = sqliteTable(
  "library_articles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guildId: text("guild_id").notNull(),
    slug: text("slug").notNull(),
    /** The article as a corpus file: front matter and body. */
    source: text("source").notNull(),
    addedBy: text("added_by").notNull(),
    addedByName: text("added_by_name").notNull(),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [uniqueIndex("library_articles_slug").on(t.guildId, t.slug)],
);

/**
 * A quiz claim of a server: proposed in Discord or imported, waiting for review, approved (asked
 * in that server's rounds) or rejected. `claim` is the claim as in a claims file.
 */
export const libraryClaims = sqliteTable(
  "library_claims",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guildId: text("guild_id").notNull(),
    slug: text("slug").notNull(),
    /** The index id of the article it quotes: a shared article or one of the server's own. */
    articleId: text("article_id").notNull(),
    claim: text("claim", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "approved", "rejected"] }).notNull(),
    proposedBy: text("proposed_by").notNull(),
    proposedByName: text("proposed_by_name").notNull(),
    proposedAt: integer("proposed_at").notNull(),
    reviewedBy: text("reviewed_by"),
    reviewedByName: text("reviewed_by_name"),
    reviewedAt: integer("reviewed_at"),
  },
  (t) => [
    uniqueIndex("library_claims_slug").on(t.guildId, t.slug),
    index("library_claims_status").on(t.guildId, t.status, t.proposedAt),
    index("library_claims_proposer").on(t.proposedBy, t.proposedAt),
  ],
);

/** A shared article a server does not want: not cited, not asked there. */
export const libraryHidden = sqliteTable(
  "library_hidden",
  {
    guildId: text("guild_id").notNull(),
    articleId: text("article_id").notNull(),
    hiddenBy: text("hidden_by").notNull(),
    hiddenAt: integer("hidden_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.articleId] })],
);

/** A server's library settings: the role that may manage it besides Manage Server. */
export const librarySettings = sqliteTable("library_settings", {
  guildId: text("guild_id").primaryKey(),
  roleId: text("role_id"),
});

/** Who added, approved, rejected, hid or removed what in a server's library, and when. */
export const libraryEvents = sqliteTable(
  "library_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guildId: text("guild_id").notNull(),
    at: integer("at").notNull(),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    action: text("action").notNull(),
    subject: text("subject").notNull(),
  },
  (t) => [index("library_events_guild").on(t.guildId, t.at)],
);

/**
 * Each server's library version: the number of its last change, taken from one counter shared by
 * all servers (the highest version stored, plus one), in the change's own transaction.
 */
export const libraryVersions = sqliteTable("library_versions", {
  guildId: text("guild_id").primaryKey(),
  version: integer("version").notNull(),
});

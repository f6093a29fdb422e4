import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** The search index's mirror of the libraries: derived, refilled from the library store. */

/**
 * The servers' libraries as the index last applied them: each server's library version (see
 * library/stores.ts) whose articles and claims the index holds. A server whose stored version
 * differs is brought in line (library/library-index.ts).
 */
export const indexedLibraries = sqliteTable("indexed_libraries", {
  guildId: text("guild_id").primaryKey(),
  version: integer("version").notNull(),
});

/** The shared articles each server hides, mirrored from its library: what search leaves out. */
export const indexedHidden = sqliteTable(
  "indexed_hidden",
  {
    guildId: text("guild_id").notNull(),
    articleId: text("article_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.articleId] })],
);

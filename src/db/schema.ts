import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One article of the corpus, as last indexed. */
export const articles = sqliteTable("articles", {
  id: text("id").primaryKey(),
  path: text("path").notNull(),
  title: text("title"),
  publication: text("publication"),
  author: text("author"),
  date: text("date"),
  language: text("language").notNull(),
  url: text("url"),
  body: text("body").notNull(),
  contentHash: text("content_hash").notNull(),
  indexedAt: integer("indexed_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * A citable piece of an article: about one paragraph, `id` is `<article>#<n>`. The integer `docid`
 * is the row the FTS5 index (migration 0001) points at.
 */
export const passages = sqliteTable(
  "passages",
  {
    docid: integer("docid").primaryKey(),
    id: text("id").notNull().unique(),
    articleId: text("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    paragraph: integer("paragraph").notNull(),
    isHeading: integer("is_heading", { mode: "boolean" }).notNull().default(false),
    start: integer("start").notNull(),
    end: integer("end").notNull(),
    text: text("text").notNull(),
    stems: text("stems").notNull(),
    stemsReversed: text("stems_reversed").notNull(),
  },
  (t) => [index("passages_article_idx").on(t.articleId, t.seq)],
);

/** Small key/value facts about the index, such as the fingerprint of the last indexed corpus. */
export const indexMeta = sqliteTable("index_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

import type { Db } from "../db/client.ts";

/**
 * The full-text indexes over `passages` and `claims` (external content, see migrations 0001,
 * 0002 and 0004). No trigger keeps them: the ingest does, row by row for small changes, with one
 * rebuild for bulk loads and repairs.
 */
export type FtsTable = "passages_fts" | "claims_fts";

const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** Takes the passages of these articles out of the index (before their rows are deleted). */
export function unindexArticles(tx: Db, articleIds: readonly string[]): void {
  for (const ids of chunks(articleIds)) {
    tx.$client
      .prepare(
        `INSERT INTO passages_fts(passages_fts, rowid, stems)
         SELECT 'delete', docid, stems FROM passages WHERE article_id IN (${placeholders(ids.length)})`,
      )
      .run(...ids);
  }
}

/** Adds the passages of these articles to the index (after their rows are inserted). */
export function indexArticles(tx: Db, articleIds: readonly string[]): void {
  for (const ids of chunks(articleIds)) {
    tx.$client
      .prepare(
        `INSERT INTO passages_fts(rowid, stems)
         SELECT docid, stems FROM passages WHERE article_id IN (${placeholders(ids.length)})`,
      )
      .run(...ids);
  }
}

/** Empties an index (its content table is left alone). */
export function clearIndex(tx: Db, table: FtsTable): void {
  tx.$client.prepare(`INSERT INTO ${table}(${table}) VALUES ('delete-all')`).run();
}

/** Builds an index anew from its content table. */
export function rebuildIndex(tx: Db, table: FtsTable): void {
  tx.$client.prepare(`INSERT INTO ${table}(${table}) VALUES ('rebuild')`).run();
}

import { type Db, isBusy } from "./client.ts";

/**
 * Tables derived from the corpus files: they can always be rebuilt from them. Everything else
 * (answers, scores, review cards, rounds) exists only here and is kept.
 */
const DERIVED =
  /^(articles|passages|claims|topics|index_meta|lexicon_\w+|indexed_\w+|(passages|claims)_(fts(_\w+)?|vocab))$/;
/** What the index needs to answer a query: its tables, including FTS5's own. */
const INDEX_TABLES = [
  "articles",
  "passages",
  "claims",
  "index_meta",
  "indexed_libraries",
  "indexed_hidden",
  "passages_fts",
  "passages_fts_data",
  "passages_fts_idx",
  "passages_fts_docsize",
  "passages_fts_config",
  "claims_fts",
  "claims_fts_data",
  "claims_fts_idx",
  "claims_fts_docsize",
  "claims_fts_config",
];

export interface DatabaseHealth {
  /** Damaged or missing parts of the search index (rebuildable from the corpus). */
  readonly index: readonly string[];
  /** Damaged tables that exist only in this file (answers, scores, …). */
  readonly kept: readonly string[];
}

export const isDerivedTable = (name: string) => DERIVED.test(name);

function tableIsSound(db: Db, table: string): boolean {
  try {
    const rows = db.$client.pragma(`quick_check("${table.replaceAll('"', '""')}")`) as {
      quick_check: string;
    }[];
    return rows.length === 1 && rows[0]?.quick_check === "ok";
  } catch {
    return false;
  }
}

function ftsIsSound(db: Db, table: "passages_fts" | "claims_fts", content: string): boolean {
  try {
    db.$client.prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('integrity-check', 0)`).run();
    const indexed = db.$client.prepare(`SELECT count(*) AS n FROM ${table}_docsize`).get() as {
      n: number;
    };
    const rows = db.$client.prepare(`SELECT count(*) AS n FROM ${content}`).get() as { n: number };
    return indexed.n === rows.n;
  } catch (error) {
    // The check is a write statement: while another process writes, it cannot run, so it says
    // nothing about the index.
    return isBusy(error);
  }
}

/**
 * A check at start-up: every table's pages (SQLite's quick_check, table by table so damage can
 * be placed), the index's tables present, and each full-text index consistent with its rows.
 */
export function inspectDatabase(db: Db): DatabaseHealth {
  let tables: string[];
  try {
    tables = (
      db.$client
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0")
        .all() as { name: string }[]
    ).map((r) => r.name);
  } catch {
    return { index: ["sqlite_schema"], kept: ["sqlite_schema"] };
  }
  const damaged = tables.filter((t) => !tableIsSound(db, t));
  const present = new Set([
    ...tables,
    ...(
      db.$client.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as {
        name: string;
      }[]
    ).map((r) => r.name),
  ]);
  const index = [...INDEX_TABLES.filter((t) => !present.has(t)), ...damaged.filter(isDerivedTable)];
  if (index.length === 0) {
    if (!ftsIsSound(db, "passages_fts", "passages")) index.push("passages_fts");
    if (!ftsIsSound(db, "claims_fts", "claims")) index.push("claims_fts");
  }
  return { index, kept: damaged.filter((t) => !isDerivedTable(t)) };
}

import { existsSync, renameSync, rmSync } from "node:fs";
import type { Connections } from "./client.ts";
import { isDerivedTable } from "./health.ts";

/** Tables kept across a rebuild, parents first (foreign keys). */
const KEPT_ORDER = ["rounds", "round_questions", "answers", "reports", "scores", "review_cards"];

/**
 * Rebuilds the database file around its kept tables: a fresh, migrated file gets a copy of every
 * table that exists only here (answers, scores, review cards, rounds, …), read from the old file,
 * and takes its place; the old file is kept beside it as `<file>.damaged-<time>`. The search
 * index is left empty, to be built from the corpus. Only safe while no other process has the
 * file open. Returns the path the old file was moved to.
 */
export function rebuildDatabaseFile(
  path: string,
  open: (path: string) => Connections,
  now = Date.now(),
): string {
  const fresh = `${path}.rebuild-${now}`;
  const connections = open(fresh);
  const sqlite = connections.writer.$client;
  try {
    sqlite.prepare("ATTACH DATABASE ? AS damaged").run(path);
    const tables = (
      sqlite
        .prepare(
          "SELECT name FROM damaged.sqlite_schema WHERE type = 'table' AND rootpage > 0 AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'",
        )
        .all() as { name: string }[]
    )
      .map((r) => r.name)
      .filter((name) => !isDerivedTable(name))
      .sort((a, b) => rank(a) - rank(b));
    sqlite.transaction(() => {
      for (const table of tables) {
        const columns = (sqlite.pragma(`main.table_info("${table}")`) as { name: string }[])
          .map((c) => `"${c.name}"`)
          .join(", ");
        if (columns === "") continue;
        sqlite.exec(
          `INSERT INTO main."${table}" (${columns}) SELECT ${columns} FROM damaged."${table}"`,
        );
      }
    })();
    sqlite.exec("DETACH DATABASE damaged");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    connections.close();
  }
  const aside = `${path}.damaged-${now}`;
  renameSync(path, aside);
  for (const suffix of ["-wal", "-shm"]) {
    if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${aside}${suffix}`);
    rmSync(`${fresh}${suffix}`, { force: true });
  }
  renameSync(fresh, path);
  return aside;
}

function rank(table: string): number {
  const i = KEPT_ORDER.indexOf(table);
  return i < 0 ? KEPT_ORDER.length : i;
}

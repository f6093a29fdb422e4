import { statSync } from "node:fs";
import type { Logger } from "../logger.ts";
import type { OwnerIdentity } from "../quiz/stores.ts";
import { openDatabase } from "./client.ts";
import { inspectDatabase } from "./health.ts";
import { rebuildDatabaseFile } from "./rebuild.ts";
import { othersAlive } from "./sqlite/owner-store.ts";

/** Tables that exist only in the database file are damaged: the way out is a backup. */
export class DatabaseDamagedError extends Error {
  constructor(path: string, tables: readonly string[]) {
    super(
      `The database ${path} is damaged in tables that exist only there (${tables.join(", ")}), ` +
        "so answers and scores cannot be trusted. Stop Beleg and restore a backup: copy the " +
        `file made by "npm run cli -- backup <file>" over ${path} and delete ${path}-wal and ` +
        `${path}-shm. The damaged file is left as it is.`,
    );
    this.name = "DatabaseDamagedError";
  }
}

/**
 * Opens the database and checks it. A damaged search index is rebuilt from the corpus: in a new
 * file around the kept tables when no other process uses this one (any damage, even to pages),
 * else in place, in one transaction. Returns whether the index must be built anew (always when
 * `force`d).
 */
export function openChecked(path: string, logger: Logger, owner: OwnerIdentity, force: boolean) {
  let connections = openDatabase(path);
  const health = inspectDatabase(connections.reader);
  if (health.kept.length > 0) {
    connections.close();
    throw new DatabaseDamagedError(path, health.kept);
  }
  // A sound file asked to rebuild (ingest --rebuild) is rebuilt in place: nothing to set aside.
  if (health.index.length === 0) return { connections, rebuild: force };
  logger.error({ damaged: health.index }, "the search index is damaged; rebuilding it");
  if (othersAlive(connections.reader, owner, Date.now())) return { connections, rebuild: true };
  connections.close();
  const aside = rebuildDatabaseFile(path, openDatabase);
  logger.warn({ damagedCopy: aside }, "database file rebuilt around answers, scores and reviews");
  connections = openDatabase(path);
  return { connections, rebuild: true };
}

/**
 * A check that the database file is still the one opened: a deleted or replaced file would take
 * every later write with it, unseen.
 */
export function fileIdentity(path: string): () => void {
  const opened = statSync(path);
  return () => {
    const now = statSync(path);
    if (now.ino !== opened.ino || now.dev !== opened.dev)
      throw new Error(`${path} was replaced by another file`);
  };
}

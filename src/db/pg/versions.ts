import { sql } from "drizzle-orm";
import type { PgDb } from "./client.ts";
import { stateVersions } from "./schema.ts";
import type { PgTx } from "./transaction.ts";

/**
 * Counts a change of one kind (`key`, for example "library") inside the transaction making it,
 * so the count commits or rolls back with it. Returns the new version. Writers of one key wait
 * for each other on its row: meant for rare changes, not for every answer.
 */
export async function bumpVersion(tx: PgTx, key: string): Promise<number> {
  const [row] = await tx
    .insert(stateVersions)
    .values({ key, version: 1 })
    .onConflictDoUpdate({
      target: stateVersions.key,
      set: { version: sql`${stateVersions.version} + 1` },
    })
    .returning({ version: stateVersions.version });
  if (row === undefined) throw new Error(`state version ${key} was not counted`);
  return row.version;
}

/** Every counter, for a process that reconnected to see which kinds of change it missed. */
export async function readVersions(db: PgDb | PgTx): Promise<Map<string, number>> {
  const rows = await db.select().from(stateVersions);
  return new Map(rows.map((r) => [r.key, r.version]));
}

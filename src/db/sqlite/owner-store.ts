import { eq } from "drizzle-orm";
import { ownerGone } from "../../quiz/owners.ts";
import type { OwnerIdentity, OwnerRecord, OwnerStore } from "../../quiz/stores.ts";
import type { Db } from "../client.ts";
import { owners } from "../schema.ts";
import type { WriteQueue } from "../write-queue.ts";

/** The owner's removal at shutdown waits this long at most for the lock. */
const REMOVE_WAIT_MS = 2000;

/**
 * Whether any other process that runs rounds on this file is alive (also asked before the write
 * queue exists, when a damaged file is to be rebuilt).
 */
export function othersAlive(db: Db, self: OwnerIdentity, now: number): boolean {
  return db
    .select()
    .from(owners)
    .all()
    .some((o) => o.id !== self.id && !ownerGone(o, self, now));
}

export function findOwner(tx: Db, id: string | null): OwnerRecord | undefined {
  return id === null ? undefined : tx.select().from(owners).where(eq(owners.id, id)).get();
}

/** Owners on SQLite: writes in the write queue, reads on the reader connection. */
export class SqliteOwnerStore implements OwnerStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteQueue,
  ) {}

  heartbeat(self: OwnerIdentity, now: number): Promise<void> {
    return this.writes.run((tx) => {
      tx.insert(owners)
        .values({ ...self, startedAt: now, heartbeatAt: now })
        .onConflictDoUpdate({ target: owners.id, set: { heartbeatAt: now } })
        .run();
    });
  }

  remove(self: OwnerIdentity): Promise<void> {
    return this.writes.run(
      (tx) => {
        tx.delete(owners).where(eq(owners.id, self.id)).run();
      },
      { maxWaitMs: REMOVE_WAIT_MS },
    );
  }

  async othersAlive(self: OwnerIdentity, now: number): Promise<boolean> {
    return othersAlive(this.db, self, now);
  }
}

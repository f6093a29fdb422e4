import { eq } from "drizzle-orm";
import type pg from "pg";
import { ownerGone } from "../../quiz/owners.ts";
import type { OwnerIdentity, OwnerRecord, OwnerStore } from "../../quiz/stores.ts";
import type { PgDb } from "./client.ts";
import { QUIZ_WRITE_DEADLINE_MS } from "./quiz-locks.ts";
import { owners } from "./schema.ts";
import { inTransaction, type PgTx } from "./transaction.ts";

/** The owner's removal at shutdown gives up after this long (as on SQLite). */
const REMOVE_WAIT_MS = 2000;

export async function findOwner(tx: PgTx, id: string | null): Promise<OwnerRecord | undefined> {
  if (id === null) return undefined;
  const [owner] = await tx.select().from(owners).where(eq(owners.id, id));
  return owner;
}

/** Owners on PostgreSQL: each write its own transaction, reads on the pool. */
export class PgOwnerStore implements OwnerStore {
  constructor(
    private readonly db: PgDb,
    private readonly pool: pg.Pool,
  ) {}

  heartbeat(self: OwnerIdentity, now: number): Promise<void> {
    return inTransaction(
      this.pool,
      async (tx) => {
        await tx
          .insert(owners)
          .values({ ...self, startedAt: now, heartbeatAt: now })
          .onConflictDoUpdate({ target: owners.id, set: { heartbeatAt: now } });
      },
      { deadlineMs: QUIZ_WRITE_DEADLINE_MS },
    );
  }

  remove(self: OwnerIdentity): Promise<void> {
    return inTransaction(
      this.pool,
      async (tx) => {
        await tx.delete(owners).where(eq(owners.id, self.id));
      },
      { deadlineMs: REMOVE_WAIT_MS },
    );
  }

  async othersAlive(self: OwnerIdentity, now: number): Promise<boolean> {
    const all = await this.db.select().from(owners);
    return all.some((o) => o.id !== self.id && !ownerGone(o, self, now));
  }
}

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { owners } from "../db/schema.ts";

/** A live owner renews its heartbeat this often. */
export const HEARTBEAT_MS = 5_000;
/** An owner on another host is gone when its heartbeat is older than this. */
const LEASE_MS = 60_000;
/**
 * On this host a live process id proves an owner alive; past this age its id may have been
 * reused by an unrelated process, so the heartbeat decides.
 */
const SAME_HOST_LEASE_MS = 10 * 60_000;

/** This process, as the owner of the rounds it runs. */
export interface OwnerIdentity {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
}

export function newOwnerIdentity(): OwnerIdentity {
  return { id: randomUUID(), host: hostname(), pid: process.pid };
}

type OwnerRow = typeof owners.$inferSelect;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the owner of a round can no longer run it, seen from `self` at `now`. */
export function ownerGone(owner: OwnerRow | undefined, self: OwnerIdentity, now: number): boolean {
  if (!owner) return true;
  if (owner.id === self.id) return false;
  const age = now - owner.heartbeatAt;
  if (owner.host === self.host) {
    // Our process id, registered before this process started: an earlier life of the id (a
    // restarted container often runs node under the same one), so it is gone.
    if (owner.pid === self.pid && owner.startedAt < performance.timeOrigin) return true;
    return !processAlive(owner.pid) || age > SAME_HOST_LEASE_MS;
  }
  return age > LEASE_MS;
}

export function registerOwner(tx: Db, self: OwnerIdentity, now: number): void {
  tx.insert(owners)
    .values({ ...self, startedAt: now, heartbeatAt: now })
    .onConflictDoUpdate({ target: owners.id, set: { heartbeatAt: now } })
    .run();
}

export function removeOwner(tx: Db, self: OwnerIdentity): void {
  tx.delete(owners).where(eq(owners.id, self.id)).run();
}

/** Whether any other process that runs rounds on this file is alive. */
export function othersAlive(db: Db, self: OwnerIdentity, now: number): boolean {
  return db
    .select()
    .from(owners)
    .all()
    .some((o) => o.id !== self.id && !ownerGone(o, self, now));
}

export function findOwner(tx: Db, id: string | null): OwnerRow | undefined {
  return id === null ? undefined : tx.select().from(owners).where(eq(owners.id, id)).get();
}

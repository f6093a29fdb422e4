import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { OwnerIdentity, OwnerRecord } from "./stores.ts";

/** A live owner renews its heartbeat this often. */
export const HEARTBEAT_MS = 5_000;
/** An owner on another host is gone when its heartbeat is older than this. */
const LEASE_MS = 60_000;
/**
 * On this host a live process id proves an owner alive; past this age its id may have been
 * reused by an unrelated process, so the heartbeat decides.
 */
const SAME_HOST_LEASE_MS = 10 * 60_000;

export function newOwnerIdentity(): OwnerIdentity {
  return { id: randomUUID(), host: hostname(), pid: process.pid };
}

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
export function ownerGone(
  owner: OwnerRecord | undefined,
  self: OwnerIdentity,
  now: number,
): boolean {
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

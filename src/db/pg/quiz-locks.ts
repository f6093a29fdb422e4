import { sql } from "drizzle-orm";
import type { PgTx } from "./transaction.ts";

/**
 * A quiz write of an interaction must be answered within Discord's 3 s: stored, or refused as
 * "not stored, try again" with time to spare for the reply.
 */
export const QUIZ_WRITE_DEADLINE_MS = 2_500;

/**
 * The classes of the transaction-scoped advisory locks the quiz stores take (the two-key form:
 * a key space apart from the one-key migration lock). A user's answers, score and review cards
 * change under their user lock; a channel's rounds start under its channel lock. SQLite has one
 * writer; these give the same order where it matters, without locking anyone else out.
 */
const USER_LOCK = 0x5155;
const CHANNEL_LOCK = 0x5143;

/** A user's lock key: 32-bit FNV-1a of the user id, so the lock statement holds integers only. */
function userLockKey(userId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash = Math.imul(hash ^ userId.charCodeAt(i), 0x01000193);
  }
  return hash | 0;
}

/**
 * The statement that takes the user locks of `userIds` until the transaction ends, in key order
 * (every writer takes them in the same order, so two batches cannot deadlock on them); undefined
 * for no users. Plain text without parameters, so it can share BEGIN's round trip
 * (TransactionOptions.opening); it holds integers only, never user text. Anything read after it
 * sees every committed write of these users, and none in flight.
 */
export function userLocksStatement(userIds: Iterable<string>): string | undefined {
  const keys = [...new Set([...userIds].map(userLockKey))].sort((a, b) => a - b);
  if (keys.length === 0) return undefined;
  // One row back, not one per lock; unnest gives the keys in the array's (sorted) order.
  return `SELECT count(pg_advisory_xact_lock(${USER_LOCK}, k)) FROM unnest('{${keys.join(",")}}'::int[]) AS k`;
}

/** Takes a channel's round lock until the transaction ends (round starts there wait for it). */
export async function lockChannel(tx: PgTx, channelId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHANNEL_LOCK}, hashtext(${channelId}))`);
}

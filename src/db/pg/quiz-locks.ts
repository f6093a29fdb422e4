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

/**
 * Takes the user locks of `userIds` until the transaction ends, in one statement and in user id
 * order (every writer takes them in the same order, so two batches cannot deadlock on them).
 * Anything read after this sees every committed write of these users, and none in flight.
 */
export async function lockUsers(tx: PgTx, userIds: Iterable<string>): Promise<void> {
  const sorted = [...new Set(userIds)].sort();
  if (sorted.length === 0) return;
  await tx.$client.query(
    "SELECT pg_advisory_xact_lock($1, hashtext(u)) FROM unnest($2::text[]) WITH ORDINALITY AS t(u, n) ORDER BY n",
    [USER_LOCK, sorted],
  );
}

/** Takes a channel's round lock until the transaction ends (round starts there wait for it). */
export async function lockChannel(tx: PgTx, channelId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHANNEL_LOCK}, hashtext(${channelId}))`);
}

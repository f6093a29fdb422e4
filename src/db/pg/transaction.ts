import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import type pg from "pg";
import { WriteFailedError } from "../write-failure.ts";
import { withConnection } from "./client.ts";
import { classifyPgError, writeErrorOf } from "./errors.ts";
import * as schema from "./schema.ts";

/** A transaction's database: drizzle on the one connection the transaction holds. */
export type PgTx = NodePgDatabase<typeof schema> & { $client: pg.PoolClient };

export type IsolationLevel = "read committed" | "repeatable read" | "serializable";

export interface TransactionOptions {
  /** Time from now by which the transaction must have committed or failed. */
  readonly deadlineMs: number;
  readonly isolation?: IsolationLevel;
  /**
   * Statements (plain text, no parameters) sent with BEGIN in its round trip, such as the user
   * locks of an answer batch: one round trip fewer per transaction.
   */
  readonly opening?: string;
}

const BASE_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 100;
/** A statement is given at least this long, or the attempt is not started. */
const MIN_STATEMENT_MS = 20;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in BEGIN … COMMIT on one pooled connection. A serialization failure or deadlock
 * rolls back and runs `work` again after a jittered backoff while the deadline allows; `work`
 * must therefore do nothing outside the database that cannot be repeated. Storage failures
 * (a lost connection, a stopped server, a cancelled statement, a failed COMMIT) are thrown as
 * WriteFailedError: nothing of the transaction is taken as stored. The write's own errors (a
 * unique violation) are thrown as they are, after the rollback.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (tx: PgTx) => Promise<T>,
  options: TransactionOptions,
): Promise<T> {
  const deadline = Date.now() + options.deadlineMs;
  for (let attempt = 0; ; attempt++) {
    const remaining = deadline - Date.now();
    if (remaining < MIN_STATEMENT_MS) throw new WriteFailedError("timeout");
    try {
      return await attemptOnce(pool, work, remaining, options);
    } catch (error) {
      if (classifyPgError(error) !== "retry") throw writeErrorOf(error);
      const backoff = Math.random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt);
      if (Date.now() + backoff + MIN_STATEMENT_MS > deadline) throw writeErrorOf(error);
      await sleep(backoff);
    }
  }
}

function attemptOnce<T>(
  pool: pg.Pool,
  work: (tx: PgTx) => Promise<T>,
  remainingMs: number,
  options: TransactionOptions,
): Promise<T> {
  // The pool's own statement timeout, or the time left if that is shorter.
  const configured = Number(pool.options.statement_timeout) || Number.POSITIVE_INFINITY;
  const statementMs = Math.floor(Math.min(configured, remainingMs));
  return withConnection(pool, async (client, discard) => {
    const isolation = (options.isolation ?? "read committed").toUpperCase();
    try {
      // One round trip; no statement of this transaction outlives the deadline (PostgreSQL times
      // each statement of a multi-statement string on its own).
      await client.query(
        `BEGIN ISOLATION LEVEL ${isolation}; SET LOCAL statement_timeout = ${statementMs}${options.opening ? `; ${options.opening}` : ""}`,
      );
      const result = await work(drizzle(client, { schema }));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      // On a lost connection this fails too: the server rolls back on its own, and the
      // connection is destroyed, not reused.
      await client.query("ROLLBACK").catch(discard);
      throw error;
    }
  });
}

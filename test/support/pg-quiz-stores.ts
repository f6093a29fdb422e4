import pg from "pg";
import { expect } from "vitest";
import { openPostgres, type Postgres } from "../../src/db/pg/client.ts";
import { type PgQuizStores, pgQuizStores } from "../../src/db/pg/quiz-stores.ts";
import { WriteFailedError } from "../../src/db/write-failure.ts";
import { newOwnerIdentity } from "../../src/quiz/owners.ts";
import type { NewAnswer, RecordOutcome } from "../../src/quiz/stores.ts";
import { pgTestDatabase, type TestCluster, type TestDatabase } from "./pg-cluster.ts";
import { newRound, questionOn, stored, T0, WINDOW_MS } from "./quiz-store-backends.ts";

/** Fixtures of the PostgreSQL quiz store tests (test/db/pg-quiz-*.test.ts). */

export const self = newOwnerIdentity();
const OPTIONS = { poolSize: 6, statementTimeoutMs: 2_000, connectTimeoutMs: 1_000 };
/** Small batches, several at once: concurrent flushes with the same users in them. */
const BATCHING = { gatherMs: 2, maxItems: 50, maxInFlight: 4, deadlineMs: 2_500 };

export interface Opened {
  database: TestDatabase;
  postgres: Postgres;
  stores: PgQuizStores;
}

/** Fresh quiz stores on a fresh migrated database (on `cluster`, or the tests' server). */
export async function openPgStores(cluster?: TestCluster): Promise<Opened> {
  const database = await pgTestDatabase(cluster);
  const postgres = await openPostgres(database.url, OPTIONS);
  return { database, postgres, stores: pgQuizStores(postgres, BATCHING) };
}

export async function closePgStores(opened: Opened | undefined) {
  if (!opened) return;
  await opened.stores.drained();
  await opened.postgres.close();
  await opened.database.close();
}

/** A round of `questions` questions in channel c1, every one of them posted at T0. */
export async function postedQuestions(stores: PgQuizStores, questions: number): Promise<number[]> {
  await stores.owners.heartbeat(self, T0);
  const claims = Array.from({ length: questions }, (_, i) => `k${i}`);
  const round = stored(
    await stores.rounds.create(
      newRound(T0, { questions: claims.map(questionOn) }),
      self,
      () => false,
    ),
  );
  const fence = { roundId: round.roundId, ownerId: self.id };
  for (const id of round.questionIds) {
    expect(await stores.rounds.markPosted(fence, id, WINDOW_MS, () => T0)).toBe(T0);
  }
  return round.questionIds;
}

export const answerOf = (questionId: number, userId: string, optionIndex = 0): NewAnswer => ({
  questionId,
  guildId: "g1",
  userId,
  userName: userId,
  optionIndex,
  now: T0 + 1000,
});

/** What a record() settled with: its outcome's status, or the reason it was not stored. */
export const settled = (write: Promise<RecordOutcome>) =>
  write.then(
    (outcome) => outcome.status,
    (error: unknown) => (error instanceof WriteFailedError ? `not stored: ${error.reason}` : error),
  );

/** Resolves once `sessions` wait for a lock (a batch held up by `holdScore`, say). */
export async function someoneWaits(pool: pg.Pool, sessions = 1) {
  for (let i = 0; i < 500; i++) {
    const { rows } = await pool.query(
      "SELECT count(DISTINCT pid)::int AS n FROM pg_locks WHERE NOT granted",
    );
    if (rows[0].n >= sessions) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`fewer than ${sessions} sessions waited for a lock`);
}

/**
 * Another session holding a user's score row: a batch with that user in it waits in its score
 * upsert, after its answers were inserted (uncommitted).
 */
export async function holdScore(url: string, userId: string) {
  const holder = new pg.Client({ connectionString: url });
  holder.on("error", () => {});
  await holder.connect();
  await holder.query("BEGIN");
  const { rowCount } = await holder.query("SELECT 1 FROM scores WHERE user_id = $1 FOR UPDATE", [
    userId,
  ]);
  expect(rowCount).toBe(1);
  return holder;
}

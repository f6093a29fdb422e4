import { and, inArray, isNull, lt, ne, notExists, sql } from "drizzle-orm";
import { ROUND_RETENTION_MS } from "../../quiz/round-pruning.ts";
import type { Pruned } from "../../quiz/stores.ts";
import { answers, reports, roundQuestions, rounds } from "./schema.ts";
import type { PgTx } from "./transaction.ts";

/** Rounds removed in one write at most, so one prune stays well inside its deadline. */
const PRUNE_BATCH = 500;

/**
 * Removes what ended rounds older than the retention no longer need (see quiz/round-pruning.ts).
 * The rounds to remove are locked first (FOR UPDATE, passing over rounds a report holds), then
 * checked again in a statement of its own: it sees every report committed meanwhile, so a report
 * is never removed with a round it arrived for (a report waits, then finds its round gone).
 */
export async function pruneEndedRounds(tx: PgTx, now: number): Promise<Pruned> {
  const old = tx
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(ne(rounds.status, "running"), lt(rounds.endedAt, now - ROUND_RETENTION_MS)));
  const keepsNothing = and(
    notExists(tx.select().from(answers).where(sql`${answers.roundId} = ${rounds.id}`)),
    notExists(
      tx
        .select()
        .from(reports)
        .innerJoin(roundQuestions, sql`${roundQuestions.id} = ${reports.questionId}`)
        .where(and(sql`${roundQuestions.roundId} = ${rounds.id}`, isNull(reports.reviewedAt))),
    ),
  );
  const locked = await tx
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(inArray(rounds.id, old), keepsNothing))
    .limit(PRUNE_BATCH)
    .for("update", { skipLocked: true });
  // Their questions and reviewed reports go with them (ON DELETE CASCADE).
  const removed =
    locked.length === 0
      ? 0
      : ((
          await tx.delete(rounds).where(
            and(
              inArray(
                rounds.id,
                locked.map((r) => r.id),
              ),
              keepsNothing,
            ),
          )
        ).rowCount ?? 0);
  const questions = await tx
    .delete(roundQuestions)
    .where(and(isNull(roundQuestions.postedAt), inArray(roundQuestions.roundId, old)));
  return { rounds: removed, questions: questions.rowCount ?? 0 };
}

import { and, inArray, isNull, lt, ne, notExists, sql } from "drizzle-orm";
import { ROUND_RETENTION_MS } from "../../quiz/round-pruning.ts";
import type { Pruned } from "../../quiz/stores.ts";
import { answers, reports, roundQuestions, rounds } from "./schema.ts";
import type { PgTx } from "./transaction.ts";

/** Rounds removed in one write at most, so one prune stays well inside its deadline. */
const PRUNE_BATCH = 500;

/** Removes what ended rounds older than the retention no longer need (see quiz/round-pruning.ts). */
export async function pruneEndedRounds(tx: PgTx, now: number): Promise<Pruned> {
  const old = tx
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(ne(rounds.status, "running"), lt(rounds.endedAt, now - ROUND_RETENTION_MS)));
  const unanswered = tx
    .select({ id: rounds.id })
    .from(rounds)
    .where(
      and(
        inArray(rounds.id, old),
        notExists(tx.select().from(answers).where(sql`${answers.roundId} = ${rounds.id}`)),
        notExists(
          tx
            .select()
            .from(reports)
            .innerJoin(roundQuestions, sql`${roundQuestions.id} = ${reports.questionId}`)
            .where(and(sql`${roundQuestions.roundId} = ${rounds.id}`, isNull(reports.reviewedAt))),
        ),
      ),
    )
    .limit(PRUNE_BATCH);
  // Their questions and reviewed reports go with them (ON DELETE CASCADE).
  const removed = await tx.delete(rounds).where(inArray(rounds.id, unanswered));
  const questions = await tx
    .delete(roundQuestions)
    .where(and(isNull(roundQuestions.postedAt), inArray(roundQuestions.roundId, old)));
  return { rounds: removed.rowCount ?? 0, questions: questions.rowCount ?? 0 };
}

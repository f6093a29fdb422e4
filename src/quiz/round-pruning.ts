import { and, inArray, isNull, lt, ne, notExists, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { answers, reports, roundQuestions, rounds } from "../db/schema.ts";

const DAY = 24 * 60 * 60_000;

/**
 * How long an ended round is kept whole. After that only what standings, statistics and reports
 * still need stays: /leaderboard (all time: scores; week and today: answers), /stats (scores,
 * and answers with the questions they answered, for topics and rounds played) and review cards
 * never lose a row. What goes: questions of ended rounds that were never posted (nobody answered
 * or reported them), and ended rounds in which nobody answered and no report is open (a round
 * started and stopped at once, say).
 */
export const ROUND_RETENTION_MS = 30 * DAY;
/** Rounds removed in one write at most, so one prune never holds the write lock for long. */
const PRUNE_BATCH = 500;
/** How often a running process prunes (it also does on start). */
export const PRUNE_EVERY_MS = 60 * 60_000;

export interface Pruned {
  readonly rounds: number;
  readonly questions: number;
}

/** Removes what ended rounds older than the retention no longer need (see ROUND_RETENTION_MS). */
export function pruneEndedRounds(tx: Db, now: number): Pruned {
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
  const removed = tx.delete(rounds).where(inArray(rounds.id, unanswered)).run().changes;
  const questions = tx
    .delete(roundQuestions)
    .where(and(isNull(roundQuestions.postedAt), inArray(roundQuestions.roundId, old)))
    .run().changes;
  return { rounds: removed, questions };
}

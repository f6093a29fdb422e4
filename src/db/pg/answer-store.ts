import type pg from "pg";
import type {
  AnswerStore,
  MemberTotals,
  NewAnswer,
  PointsSlot,
  RecordOutcome,
  Standing,
} from "../../quiz/stores.ts";
import { storeAnswerBatch } from "./answer-batch.ts";
import { type BatcherOptions, GroupCommitBatcher } from "./batcher.ts";
import type { PgDb } from "./client.ts";
import { QUIZ_WRITE_DEADLINE_MS } from "./quiz-locks.ts";
import { leaderboard, memberTotals, pointsSince, roundStandings } from "./standings.ts";

/** How answers are grouped into commits; see GroupCommitBatcher. */
export type AnswerBatching = Omit<BatcherOptions, "now">;

/**
 * A click waits at most 2 ms for others; up to 100 answers share a commit; half the pool's
 * connections carry answers, so rounds, reports and reads still find one.
 */
export function defaultAnswerBatching(pool: pg.Pool): AnswerBatching {
  return {
    gatherMs: 2,
    maxItems: 100,
    maxInFlight: Math.max(1, Math.floor((pool.options.max ?? 10) / 2)),
    deadlineMs: QUIZ_WRITE_DEADLINE_MS,
  };
}

/**
 * Answers on PostgreSQL with group commit: each record() joins a batch that one transaction
 * stores (storeAnswerBatch); its promise settles after that COMMIT with its own outcome, or rejects
 * with the batch's WriteFailedError when the batch could not commit in time (then none of it is
 * stored). Conflicts (40001, 40P01) are retried inside the deadline.
 */
export class PgAnswerStore implements AnswerStore {
  private readonly batcher: GroupCommitBatcher<NewAnswer, RecordOutcome>;

  constructor(
    private readonly db: PgDb,
    pool: pg.Pool,
    batching: AnswerBatching = defaultAnswerBatching(pool),
  ) {
    this.batcher = new GroupCommitBatcher(async (items, deadline) => {
      const outcomes = await storeAnswerBatch(pool, items, deadline - Date.now());
      return outcomes.map((value) => ({ ok: true, value }));
    }, batching);
  }

  record(answer: NewAnswer): Promise<RecordOutcome> {
    return this.batcher.submit(answer);
  }

  /** Resolves once no answer waits or is being stored. */
  drained(): Promise<void> {
    return this.batcher.drained();
  }

  roundStandings(roundId: number): Promise<Standing[]> {
    return roundStandings(this.db, roundId);
  }

  leaderboard(guildId: string, since?: number, limit?: number): Promise<Standing[]> {
    return leaderboard(this.db, guildId, since, limit);
  }

  memberTotals(guildId: string, userId: string): Promise<MemberTotals | undefined> {
    return memberTotals(this.db, guildId, userId);
  }

  pointsSince(guildId: string, userId: string, since: number): Promise<PointsSlot[]> {
    return pointsSince(this.db, guildId, userId, since);
  }
}

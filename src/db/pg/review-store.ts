import { and, asc, eq, lte, sql } from "drizzle-orm";
import type pg from "pg";
import { type ReviewState, scheduleReview } from "../../quiz/review.ts";
import type { ReviewStore } from "../../quiz/stores.ts";
import type { PgDb } from "./client.ts";
import { lockUsers, QUIZ_WRITE_DEADLINE_MS } from "./quiz-locks.ts";
import { reviewCards } from "./schema.ts";
import { inTransaction, type PgTx } from "./transaction.ts";

/** One answer's move of a user's card for a claim. */
export interface CardMove {
  readonly userId: string;
  readonly claimId: string;
  readonly correct: boolean;
  readonly now: number;
}

const cardKey = (userId: string, claimId: string) => JSON.stringify([userId, claimId]);

/**
 * Moves the cards by `moves`, in their order (a user's two answers on one claim move its card
 * twice), with the same FSRS function as SQLite: one read, one multi-row upsert ordered by key.
 * The caller holds the user locks of every mover, so no other writer moves these cards meanwhile.
 */
export async function moveCards(tx: PgTx, moves: readonly CardMove[]): Promise<void> {
  if (moves.length === 0) return;
  const stored = await tx
    .select()
    .from(reviewCards)
    .where(
      sql`(${reviewCards.userId}, ${reviewCards.claimId}) in (select * from unnest(${sql.param(moves.map((m) => m.userId))}::text[], ${sql.param(moves.map((m) => m.claimId))}::text[]))`,
    );
  const cards = new Map<string, ReviewState>(stored.map((c) => [cardKey(c.userId, c.claimId), c]));
  for (const move of moves) {
    const key = cardKey(move.userId, move.claimId);
    cards.set(key, scheduleReview(cards.get(key), move.correct, move.now));
  }
  const moved = [...new Set(moves.map((m) => cardKey(m.userId, m.claimId)))].sort();
  await tx
    .insert(reviewCards)
    .values(
      moved.map((key) => {
        const [userId, claimId] = JSON.parse(key) as [string, string];
        return { userId, claimId, ...(cards.get(key) as ReviewState) };
      }),
    )
    .onConflictDoUpdate({
      target: [reviewCards.userId, reviewCards.claimId],
      set: {
        due: sql`excluded.due`,
        stability: sql`excluded.stability`,
        difficulty: sql`excluded.difficulty`,
        elapsedDays: sql`excluded.elapsed_days`,
        scheduledDays: sql`excluded.scheduled_days`,
        learningSteps: sql`excluded.learning_steps`,
        reps: sql`excluded.reps`,
        lapses: sql`excluded.lapses`,
        misses: sql`excluded.misses`,
        state: sql`excluded.state`,
        lastReview: sql`excluded.last_review`,
      },
    });
}

/** Review cards on PostgreSQL: a /review answer is its own transaction under the user's lock. */
export class PgReviewStore implements ReviewStore {
  constructor(
    private readonly db: PgDb,
    private readonly pool: pg.Pool,
  ) {}

  recordReview(userId: string, claimId: string, correct: boolean, now: number): Promise<void> {
    return inTransaction(
      this.pool,
      async (tx) => {
        await lockUsers(tx, [userId]);
        await moveCards(tx, [{ userId, claimId, correct, now }]);
      },
      { deadlineMs: QUIZ_WRITE_DEADLINE_MS },
    );
  }

  /**
   * The claims due for review for a user, the longest due first: ones they have missed, whose
   * FSRS due time has come (cards of claims that no longer exist are the caller's to pass over).
   */
  async dueClaimIds(userId: string, now: number): Promise<string[]> {
    const due = await this.db
      .select({ claimId: reviewCards.claimId })
      .from(reviewCards)
      .where(
        and(
          eq(reviewCards.userId, userId),
          lte(reviewCards.due, now),
          sql`${reviewCards.misses} > 0`,
        ),
      )
      .orderBy(asc(reviewCards.due));
    return due.map((r) => r.claimId);
  }
}

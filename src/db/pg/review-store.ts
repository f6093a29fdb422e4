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

// Fixed statements with one array parameter per column (types as in schema.ts), sent as named
// statements: parsed once per connection, no per-row SQL building on the Node side. bigint
// columns (due, last_review) come back as text and are read with Number().
const SELECT_CARDS = `SELECT user_id, claim_id, due, stability, difficulty, elapsed_days, scheduled_days,
    learning_steps, reps, lapses, misses, state, last_review
  FROM review_cards
  WHERE (user_id, claim_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`;

// unnest keeps the arrays' order: the rows are upserted in key order.
const UPSERT_CARDS = `INSERT INTO review_cards (user_id, claim_id, due, stability, difficulty,
    elapsed_days, scheduled_days, learning_steps, reps, lapses, misses, state, last_review)
  SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::float8[], $5::float8[],
    $6::int[], $7::int[], $8::int[], $9::int[], $10::int[], $11::int[], $12::int[], $13::bigint[])
  ON CONFLICT (user_id, claim_id) DO UPDATE SET
    due = excluded.due,
    stability = excluded.stability,
    difficulty = excluded.difficulty,
    elapsed_days = excluded.elapsed_days,
    scheduled_days = excluded.scheduled_days,
    learning_steps = excluded.learning_steps,
    reps = excluded.reps,
    lapses = excluded.lapses,
    misses = excluded.misses,
    state = excluded.state,
    last_review = excluded.last_review`;

interface StoredCard {
  user_id: string;
  claim_id: string;
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  misses: number;
  state: number;
  last_review: string | null;
}

const stateOf = (c: StoredCard): ReviewState => ({
  due: Number(c.due),
  stability: c.stability,
  difficulty: c.difficulty,
  elapsedDays: c.elapsed_days,
  scheduledDays: c.scheduled_days,
  learningSteps: c.learning_steps,
  reps: c.reps,
  lapses: c.lapses,
  misses: c.misses,
  state: c.state,
  lastReview: c.last_review === null ? null : Number(c.last_review),
});

const cardKey = (userId: string, claimId: string) => JSON.stringify([userId, claimId]);

/**
 * Moves the cards by `moves`, in their order (a user's two answers on one claim move its card
 * twice), with the same FSRS function as SQLite: one read, one multi-row upsert ordered by key.
 * The caller holds the user locks of every mover, so no other writer moves these cards meanwhile.
 */
export async function moveCards(tx: PgTx, moves: readonly CardMove[]): Promise<void> {
  if (moves.length === 0) return;
  const stored = await tx.$client.query<StoredCard>({
    name: "beleg_review_cards_for",
    text: SELECT_CARDS,
    values: [moves.map((m) => m.userId), moves.map((m) => m.claimId)],
  });
  const cards = new Map<string, ReviewState>(
    stored.rows.map((c) => [cardKey(c.user_id, c.claim_id), stateOf(c)]),
  );
  for (const move of moves) {
    const key = cardKey(move.userId, move.claimId);
    cards.set(key, scheduleReview(cards.get(key), move.correct, move.now));
  }
  const moved = [...new Set(moves.map((m) => cardKey(m.userId, m.claimId)))].sort();
  const rows = moved.map((key) => {
    const [userId, claimId] = JSON.parse(key) as [string, string];
    return { userId, claimId, ...(cards.get(key) as ReviewState) };
  });
  await tx.$client.query({
    name: "beleg_review_cards_upsert",
    text: UPSERT_CARDS,
    values: [
      rows.map((r) => r.userId),
      rows.map((r) => r.claimId),
      rows.map((r) => r.due),
      rows.map((r) => r.stability),
      rows.map((r) => r.difficulty),
      rows.map((r) => r.elapsedDays),
      rows.map((r) => r.scheduledDays),
      rows.map((r) => r.learningSteps),
      rows.map((r) => r.reps),
      rows.map((r) => r.lapses),
      rows.map((r) => r.misses),
      rows.map((r) => r.state),
      rows.map((r) => r.lastReview),
    ],
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

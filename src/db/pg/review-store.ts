import { and, asc, eq, lte, sql } from "drizzle-orm";
import type pg from "pg";
import type { ReviewStore } from "../../quiz/stores.ts";
import type { PgDb } from "./client.ts";
import { QUIZ_WRITE_DEADLINE_MS, userLocksStatement } from "./quiz-locks.ts";
import {
  CARD_COLUMNS,
  type CardMove,
  cardValues,
  movedCards,
  type StoredCard,
  upsertCardsSql,
} from "./review-cards.ts";
import { reviewCards } from "./schema.ts";
import { inTransaction, type PgTx } from "./transaction.ts";

const SELECT_CARDS = `SELECT ${CARD_COLUMNS} FROM review_cards
  WHERE (user_id, claim_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`;

const UPSERT_CARDS = upsertCardsSql(1);

/**
 * Moves the cards by `moves`, in their order: one read, one multi-row upsert ordered by key, as
 * named statements (parsed once per connection). The caller holds the user locks of every
 * mover, so no other writer moves these cards meanwhile.
 */
export async function moveCards(tx: PgTx, moves: readonly CardMove[]): Promise<void> {
  if (moves.length === 0) return;
  const stored = await tx.$client.query<StoredCard>({
    name: "beleg_review_cards_for",
    text: SELECT_CARDS,
    values: [moves.map((m) => m.userId), moves.map((m) => m.claimId)],
  });
  await tx.$client.query({
    name: "beleg_review_cards_upsert",
    text: UPSERT_CARDS,
    values: cardValues(movedCards(stored.rows, moves)),
  });
}

/** Review cards on PostgreSQL: a /review answer is its own transaction under the user's lock. */
export class PgReviewStore implements ReviewStore {
  constructor(
    private readonly db: PgDb,
    private readonly pool: pg.Pool,
  ) {}

  recordReview(userId: string, claimId: string, correct: boolean, now: number): Promise<void> {
    return inTransaction(this.pool, (tx) => moveCards(tx, [{ userId, claimId, correct, now }]), {
      deadlineMs: QUIZ_WRITE_DEADLINE_MS,
      opening: userLocksStatement([userId]),
    });
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

import { and, asc, eq, lte, sql } from "drizzle-orm";
import { scheduleReview } from "../../quiz/review.ts";
import type { ReviewStore } from "../../quiz/stores.ts";
import type { Db } from "../client.ts";
import { reviewCards } from "../schema.ts";
import type { WriteQueue } from "../write-queue.ts";

const p = sql.placeholder;

const CARD_COLUMNS = [
  "due",
  "stability",
  "difficulty",
  "elapsed_days",
  "scheduled_days",
  "learning_steps",
  "reps",
  "lapses",
  "misses",
  "state",
  "last_review",
] as const;

const snakeToCamel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** The card statements, prepared once per database (every quiz answer moves a card). */
function prepareCardStatements(db: Db) {
  return {
    card: db
      .select()
      .from(reviewCards)
      .where(and(eq(reviewCards.userId, p("userId")), eq(reviewCards.claimId, p("claimId"))))
      .prepare(),
    upsertCard: db
      .insert(reviewCards)
      .values({
        userId: p("userId"),
        claimId: p("claimId"),
        due: p("due"),
        stability: p("stability"),
        difficulty: p("difficulty"),
        elapsedDays: p("elapsedDays"),
        scheduledDays: p("scheduledDays"),
        learningSteps: p("learningSteps"),
        reps: p("reps"),
        lapses: p("lapses"),
        misses: p("misses"),
        state: p("state"),
        lastReview: p("lastReview"),
      })
      .onConflictDoUpdate({
        target: [reviewCards.userId, reviewCards.claimId],
        set: Object.fromEntries(
          CARD_COLUMNS.map((column) => [snakeToCamel(column), sql.raw(`excluded.${column}`)]),
        ),
      })
      .prepare(),
  };
}

const cardStatements = new WeakMap<Db, ReturnType<typeof prepareCardStatements>>();

function statementsFor(db: Db) {
  let statements = cardStatements.get(db);
  if (!statements) {
    statements = prepareCardStatements(db);
    cardStatements.set(db, statements);
  }
  return statements;
}

/** Moves a user's FSRS schedule for a claim by one answer (inside the caller's transaction). */
export function updateReviewCard(
  db: Db,
  userId: string,
  claimId: string,
  correct: boolean,
  now: number,
): void {
  const s = statementsFor(db);
  const next = scheduleReview(s.card.get({ userId, claimId }), correct, now);
  s.upsertCard.run({ userId, claimId, ...next });
}

/**
 * The claims due for review for a user, the longest due first: ones they have missed, whose FSRS
 * due time has come. A user has at most one card per claim, so all of them are few. Cards of
 * claims that no longer exist are the caller's to pass over (the claims live in the search index).
 */
function dueClaimIds(db: Db, userId: string, now: number): string[] {
  return db
    .select({ claimId: reviewCards.claimId })
    .from(reviewCards)
    .where(
      and(
        eq(reviewCards.userId, userId),
        lte(reviewCards.due, now),
        sql`${reviewCards.misses} > 0`,
      ),
    )
    .orderBy(asc(reviewCards.due))
    .all()
    .map((r) => r.claimId);
}

/** Review cards on SQLite: writes in the write queue, reads on the reader connection. */
export class SqliteReviewStore implements ReviewStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteQueue,
  ) {}

  recordReview(userId: string, claimId: string, correct: boolean, now: number): Promise<void> {
    return this.writes.run((tx) => updateReviewCard(tx, userId, claimId, correct, now));
  }

  async dueClaimIds(userId: string, now: number): Promise<string[]> {
    return dueClaimIds(this.db, userId, now);
  }
}

import { type ReviewState, scheduleReview } from "../../quiz/review.ts";

/** One answer's move of a user's card for a claim. */
export interface CardMove {
  readonly userId: string;
  readonly claimId: string;
  readonly correct: boolean;
  readonly now: number;
}

/** A review card as stored: bigint columns (due, last_review) come as text in rows, as numbers in JSON. */
export interface StoredCard {
  user_id: string;
  claim_id: string;
  due: string | number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  misses: number;
  state: number;
  last_review: string | number | null;
}

/** A card's row after its moves. */
export type CardRow = ReviewState & { readonly userId: string; readonly claimId: string };

/** The types of CARD_COLUMNS, as in schema.ts. */
const CARD_TYPES = [
  ...["text", "text", "bigint", "float8", "float8"],
  ...["int", "int", "int", "int", "int", "int", "int", "bigint"],
];

/** The columns a card is stored and read with. */
export const CARD_COLUMNS = `user_id, claim_id, due, stability, difficulty, elapsed_days,
  scheduled_days, learning_steps, reps, lapses, misses, state, last_review`;

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
 * The cards `moves` leave, applied in their order (a user's two answers on one claim move its
 * card twice) with the same FSRS function as SQLite, in key order: batches upserting the same
 * cards in different orders would deadlock.
 */
export function movedCards(stored: readonly StoredCard[], moves: readonly CardMove[]): CardRow[] {
  const cards = new Map<string, ReviewState>(
    stored.map((c) => [cardKey(c.user_id, c.claim_id), stateOf(c)]),
  );
  for (const move of moves) {
    const key = cardKey(move.userId, move.claimId);
    cards.set(key, scheduleReview(cards.get(key), move.correct, move.now));
  }
  return [...new Set(moves.map((m) => cardKey(m.userId, m.claimId)))].sort().map((key) => {
    const [userId, claimId] = JSON.parse(key) as [string, string];
    return { userId, claimId, ...(cards.get(key) as ReviewState) };
  });
}

/**
 * The upsert of card rows given as 13 array parameters from `$first` on (types as in
 * schema.ts); unnest keeps the arrays' order. `where` limits the rows (see answer-statements.ts).
 */
export function upsertCardsSql(first: number, where = ""): string {
  const params = CARD_TYPES.map((t, i) => `$${first + i}::${t}[]`);
  return `INSERT INTO review_cards (${CARD_COLUMNS})
  SELECT * FROM unnest(${params.join(", ")}) ${where}
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
}

/** The 13 array parameters of upsertCardsSql. */
export function cardValues(rows: readonly CardRow[]): unknown[][] {
  return [
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
  ];
}

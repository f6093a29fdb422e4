import type { PgTx } from "./transaction.ts";

/** The columns of a question that decide an answer's outcome. */
export interface Question {
  readonly id: number;
  readonly roundId: number;
  readonly position: number;
  readonly claimId: string;
  readonly correctIndex: number;
  readonly postedAt: number | null;
  readonly closesAt: number | null;
  readonly closedAt: number | null;
}

export interface AnswerRow {
  questionId: number;
  roundId: number;
  guildId: string;
  userId: string;
  optionIndex: number;
  typedText: string | null;
  correct: boolean;
  points: number;
  streak: number;
  responseMs: number;
  answeredAt: number;
}

export interface ScoreRow {
  guildId: string;
  userId: string;
  userName: string;
  points: number;
  answered: number;
  correct: number;
  bestStreak: number;
  updatedAt: number;
}

// The batch's statements as fixed text with one array parameter per column, sent as named
// statements: parsed once per connection, and no per-row SQL building on the Node side (see
// /work/notes/pg-bench.md). The column types are those of schema.ts; bigint values (millisecond
// times, answers.id) come back as text and are read with Number().

const SELECT_QUESTIONS = `SELECT id, round_id, position, claim_id, correct_index, posted_at, closes_at, closed_at
  FROM round_questions WHERE id = ANY($1::int[]) FOR SHARE`;

// unnest keeps the arrays' order, so the rows are inserted in arrival order.
const INSERT_ANSWERS = `INSERT INTO answers (question_id, round_id, guild_id, user_id, option_index,
    typed_text, correct, points, streak, response_ms, answered_at)
  SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::int[], $6::text[],
    $7::boolean[], $8::int[], $9::int[], $10::int[], $11::bigint[])
  ON CONFLICT (question_id, user_id) DO NOTHING
  RETURNING id, question_id, user_id`;

const DELETE_ANSWERS = "DELETE FROM answers WHERE id = ANY($1::bigint[])";

const UPSERT_SCORES = `INSERT INTO scores (guild_id, user_id, user_name, points, answered, correct,
    best_streak, updated_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[],
    $7::int[], $8::bigint[])
  ON CONFLICT (guild_id, user_id) DO UPDATE SET
    user_name = excluded.user_name,
    points = scores.points + excluded.points,
    answered = scores.answered + excluded.answered,
    correct = scores.correct + excluded.correct,
    best_streak = greatest(scores.best_streak, excluded.best_streak),
    updated_at = excluded.updated_at`;

const numberOrNull = (value: string | null) => (value === null ? null : Number(value));

/** The questions of a batch, locked FOR SHARE until COMMIT. */
export async function questionsFor(
  tx: PgTx,
  ids: readonly number[],
): Promise<Map<number, Question>> {
  const found = await tx.$client.query<{
    id: number;
    round_id: number;
    position: number;
    claim_id: string;
    correct_index: number;
    posted_at: string | null;
    closes_at: string | null;
    closed_at: string | null;
  }>({ name: "beleg_questions_for_share", text: SELECT_QUESTIONS, values: [ids] });
  return new Map(
    found.rows.map((r) => [
      r.id,
      {
        id: r.id,
        roundId: r.round_id,
        position: r.position,
        claimId: r.claim_id,
        correctIndex: r.correct_index,
        postedAt: numberOrNull(r.posted_at),
        closesAt: numberOrNull(r.closes_at),
        closedAt: numberOrNull(r.closed_at),
      },
    ]),
  );
}

/** Inserts the rows in their order; the ones already stored are left out of the result. */
export async function insertAnswers(tx: PgTx, rows: readonly AnswerRow[]) {
  const found = await tx.$client.query<{ id: string; question_id: number; user_id: string }>({
    name: "beleg_answers_insert",
    text: INSERT_ANSWERS,
    values: [
      rows.map((r) => r.questionId),
      rows.map((r) => r.roundId),
      rows.map((r) => r.guildId),
      rows.map((r) => r.userId),
      rows.map((r) => r.optionIndex),
      rows.map((r) => r.typedText),
      rows.map((r) => r.correct),
      rows.map((r) => r.points),
      rows.map((r) => r.streak),
      rows.map((r) => r.responseMs),
      rows.map((r) => r.answeredAt),
    ],
  });
  return found.rows;
}

/** Adds each server score's share of the batch, creating the scores of first answers. */
export async function upsertScores(tx: PgTx, rows: readonly ScoreRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$client.query({
    name: "beleg_scores_upsert",
    text: UPSERT_SCORES,
    values: [
      rows.map((r) => r.guildId),
      rows.map((r) => r.userId),
      rows.map((r) => r.userName),
      rows.map((r) => r.points),
      rows.map((r) => r.answered),
      rows.map((r) => r.correct),
      rows.map((r) => r.bestStreak),
      rows.map((r) => r.updatedAt),
    ],
  });
}

/** Deletes answers by id (the ids as insertAnswers returned them). */
export async function deleteAnswers(tx: PgTx, ids: readonly string[]): Promise<void> {
  await tx.$client.query({ name: "beleg_answers_delete", text: DELETE_ANSWERS, values: [ids] });
}

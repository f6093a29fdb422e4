import {
  CARD_COLUMNS,
  type CardRow,
  cardValues,
  type StoredCard,
  upsertCardsSql,
} from "./review-cards.ts";
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

/** An answer stored at a question: whether a user answered it, and the streak it left. */
export interface StoredAnswer {
  readonly questionId: number;
  readonly userId: string;
  readonly roundId: number;
  readonly position: number;
  readonly correct: boolean;
  readonly streak: number;
}

/** What a batch reads before it computes its outcomes. */
export interface BatchRead {
  readonly questions: Map<number, Question>;
  /** The answers of the batch's users at the batch's questions and the ones before them. */
  readonly answers: StoredAnswer[];
  /** The review cards of the batch's users for the batch's questions' claims. */
  readonly cards: StoredCard[];
}

// A batch is two statements besides BEGIN (which carries the user locks) and COMMIT: one read,
// one write. Both are fixed text with one array parameter per column, sent as named statements
// (parsed once per connection), so nothing is built per row on the Node side. Column types are
// those of schema.ts.

// The read runs after the user locks are granted, so its snapshot holds every committed write of
// these users and none in flight. FOR SHARE: a question cannot be closed (or its round ended)
// between this read and COMMIT; a close waits for the batch, the batch for a close under way.
// Answers and cards are looked up one key at a time (LATERAL on every column of a unique index;
// OFFSET 0 keeps the planner from turning it into a join), so the plan is an index lookup per
// key even while the statistics still say the tables are empty (a named statement keeps its
// plan; a join planned on empty tables scans all of them, slower with every answer). One row of three JSON arrays; JSON gives bigint
// columns as numbers (times in ms, below 2^53) and float8 exactly.
const READ_BATCH = `WITH q AS (
    SELECT id, round_id, position, claim_id, correct_index, posted_at, closes_at, closed_at
    FROM round_questions WHERE id = ANY($1::int[]) FOR SHARE
  ),
  asked AS (
    SELECT DISTINCT q.round_id, q.position, q.claim_id, b.user_id
    FROM unnest($1::int[], $2::text[]) AS b(question_id, user_id) JOIN q ON q.id = b.question_id
  ),
  places AS (
    SELECT DISTINCT asked.round_id, at.position, asked.user_id
    FROM asked, LATERAL (VALUES (asked.position), (asked.position - 1)) AS at(position)
  )
SELECT
  (SELECT coalesce(json_agg(q), '[]') FROM q) AS questions,
  (SELECT coalesce(json_agg(found), '[]') FROM places, LATERAL (
      SELECT a.question_id AS "questionId", a.user_id AS "userId", places.round_id AS "roundId",
        places.position, a.correct, a.streak
      FROM answers a
      WHERE a.question_id = (SELECT p.id FROM round_questions p
          WHERE p.round_id = places.round_id AND p.position = places.position)
        AND a.user_id = places.user_id OFFSET 0) AS found) AS answers,
  (SELECT coalesce(json_agg(card), '[]') FROM asked, LATERAL (
      SELECT ${CARD_COLUMNS} FROM review_cards c
      WHERE c.user_id = asked.user_id AND c.claim_id = asked.claim_id OFFSET 0) AS card) AS cards`;

// The answers in arrival order (unnest keeps the arrays' order), then, only if every one of them
// was inserted, the scores (rows in user id order: batches upserting the same scores in
// different orders deadlock) and the review cards (in key order). When some answer was already
// there, nothing but the inserted answers is written and the caller undoes those.
const WRITE_BATCH = `WITH inserted AS (
    INSERT INTO answers (question_id, round_id, guild_id, user_id, option_index, typed_text,
      correct, points, streak, response_ms, answered_at)
    SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::int[], $6::text[],
      $7::boolean[], $8::int[], $9::int[], $10::int[], $11::bigint[])
    ON CONFLICT (question_id, user_id) DO NOTHING
    RETURNING id, question_id, user_id
  ),
  complete AS (SELECT count(*) = cardinality($1::int[]) AS yes FROM inserted),
  scores_added AS (
    INSERT INTO scores (guild_id, user_id, user_name, points, answered, correct, best_streak,
      updated_at)
    SELECT * FROM unnest($12::text[], $13::text[], $14::text[], $15::int[], $16::int[],
      $17::int[], $18::int[], $19::bigint[])
    WHERE (SELECT yes FROM complete)
    ON CONFLICT (guild_id, user_id) DO UPDATE SET
      user_name = excluded.user_name,
      points = scores.points + excluded.points,
      answered = scores.answered + excluded.answered,
      correct = scores.correct + excluded.correct,
      best_streak = greatest(scores.best_streak, excluded.best_streak),
      updated_at = excluded.updated_at
  ),
  cards_moved AS (${upsertCardsSql(20, "WHERE (SELECT yes FROM complete)")})
SELECT id, question_id, user_id FROM inserted`;

const DELETE_ANSWERS = "DELETE FROM answers WHERE id = ANY($1::bigint[])";

interface QuestionJson {
  id: number;
  round_id: number;
  position: number;
  claim_id: string;
  correct_index: number;
  posted_at: number | null;
  closes_at: number | null;
  closed_at: number | null;
}

/** The batch's questions (locked FOR SHARE until COMMIT), answers around them and cards. */
export async function readBatch(
  tx: PgTx,
  answers: readonly { questionId: number; userId: string }[],
): Promise<BatchRead> {
  const found = await tx.$client.query<{
    questions: QuestionJson[];
    answers: StoredAnswer[];
    cards: StoredCard[];
  }>({
    name: "beleg_answer_batch_read",
    text: READ_BATCH,
    values: [answers.map((a) => a.questionId), answers.map((a) => a.userId)],
  });
  const row = found.rows[0] as {
    questions: QuestionJson[];
    answers: StoredAnswer[];
    cards: StoredCard[];
  };
  return {
    questions: new Map(
      row.questions.map((q) => [
        q.id,
        {
          id: q.id,
          roundId: q.round_id,
          position: q.position,
          claimId: q.claim_id,
          correctIndex: q.correct_index,
          postedAt: q.posted_at,
          closesAt: q.closes_at,
          closedAt: q.closed_at,
        },
      ]),
    ),
    answers: row.answers,
    cards: row.cards,
  };
}

/**
 * Inserts the answers in their order and, if every one of them was new, adds the scores and
 * moves the cards. Returns the answers inserted: fewer than `rows` means only those were written.
 */
export async function writeBatch(
  tx: PgTx,
  rows: readonly AnswerRow[],
  scores: readonly ScoreRow[],
  cards: readonly CardRow[],
) {
  const found = await tx.$client.query<{ id: string; question_id: number; user_id: string }>({
    name: "beleg_answer_batch_write",
    text: WRITE_BATCH,
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
      scores.map((r) => r.guildId),
      scores.map((r) => r.userId),
      scores.map((r) => r.userName),
      scores.map((r) => r.points),
      scores.map((r) => r.answered),
      scores.map((r) => r.correct),
      scores.map((r) => r.bestStreak),
      scores.map((r) => r.updatedAt),
      ...cardValues(cards),
    ],
  });
  return found.rows;
}

/** Deletes answers by id (the ids as writeBatch returned them). */
export async function deleteAnswers(tx: PgTx, ids: readonly string[]): Promise<void> {
  await tx.$client.query({ name: "beleg_answers_delete", text: DELETE_ANSWERS, values: [ids] });
}

import { LATE_GRACE_MS, scoreAnswer } from "../../quiz/scoring.ts";
import type { NewAnswer, RecordOutcome } from "../../quiz/stores.ts";
import { WriteFailedError } from "../write-failure.ts";
import {
  type AnswerRow,
  deleteAnswers,
  insertAnswers,
  type Question,
  questionsFor,
  type ScoreRow,
  upsertScores,
} from "./answer-statements.ts";
import { lockUsers } from "./quiz-locks.ts";
import { type CardMove, moveCards } from "./review-store.ts";
import { storableOptional, storableText } from "./text.ts";
import type { PgTx } from "./transaction.ts";

/** How often a batch is computed again when its insert met answers it had not read (see below). */
const MAX_RECOMPUTES = 3;

const SELECT_ANSWERS_AT = `SELECT a.question_id, a.user_id, q.round_id, q.position, a.correct, a.streak
  FROM unnest($1::int[], $2::int[], $3::text[]) AS place(round_id, position, user_id)
  JOIN round_questions q ON q.round_id = place.round_id AND q.position = place.position
  JOIN answers a ON a.question_id = q.id AND a.user_id = place.user_id`;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const key = (...parts: (string | number)[]) => JSON.stringify(parts);

/** A user's answer at a position of a round, as the streak of their next answer needs it. */
interface Previous {
  readonly correct: boolean;
  readonly streak: number;
}

interface Computed {
  readonly outcomes: RecordOutcome[];
  readonly rows: AnswerRow[];
  readonly scores: ScoreRow[];
  readonly moves: CardMove[];
}

const isOpen = (q: Question | undefined, now: number): q is Question =>
  q !== undefined &&
  q.postedAt !== null &&
  q.closesAt !== null &&
  q.closedAt === null &&
  now <= q.closesAt + LATE_GRACE_MS;

/**
 * Stores a batch of answers in the caller's transaction and tells each its outcome, in order:
 * the same outcome each would have had alone on SQLite, one after the other in arrival order
 * (a user's second answer in the batch builds its streak on their first). A few statements for
 * the whole batch: the user locks, the questions, these users' answers in these rounds, the
 * multi-row answer insert, the score upsert (one row per server and user, in user id order) and
 * the review card upsert.
 */
export async function storeAnswers(
  tx: PgTx,
  batch: readonly NewAnswer[],
): Promise<RecordOutcome[]> {
  await lockUsers(
    tx,
    batch.map((a) => a.userId),
  );
  // FOR SHARE: a question cannot be closed (or its round ended) between this check and COMMIT;
  // a close waits for the batch, and the batch for a close already under way.
  const questionIds = [...new Set(batch.map((a) => a.questionId))];
  const questions = await questionsFor(tx, questionIds);
  const open = batch.filter((a) => isOpen(questions.get(a.questionId), a.now));
  if (open.length === 0) return batch.map(() => ({ status: "closed" }));
  const wanted = open.flatMap((a) => {
    const q = questions.get(a.questionId) as Question;
    return [
      { roundId: q.roundId, position: q.position, userId: a.userId },
      { roundId: q.roundId, position: q.position - 1, userId: a.userId },
    ];
  });
  const unread = new Set<string>();
  for (let attempt = 0; attempt <= MAX_RECOMPUTES; attempt++) {
    const known = await answersAt(tx, wanted);
    for (const k of unread) known.answered.add(k);
    const computed = compute(batch, questions, known);
    if (computed.rows.length === 0) return computed.outcomes;
    const inserted = await insertAnswers(tx, computed.rows);
    if (inserted.length === computed.rows.length) {
      await upsertScores(tx, computed.scores);
      await moveCards(tx, computed.moves);
      return computed.outcomes;
    }
    // A writer without the user locks stored some of these answers after they were read: they
    // are duplicates, and the streaks computed on them are wrong. Undo and compute again.
    const stored = new Set(inserted.map((r) => key(r.question_id, r.user_id)));
    for (const row of computed.rows) {
      const k = key(row.questionId, row.userId);
      if (!stored.has(k)) unread.add(k);
    }
    await deleteAnswers(
      tx,
      inserted.map((r) => r.id),
    );
  }
  throw new WriteFailedError("timeout");
}

/**
 * The answers given at these places (round, position, user): whether a batch's answer is a
 * duplicate, and the streak its previous answer left. Found through the unique indexes, so a
 * batch reads no more than its own answers' neighbours.
 */
async function answersAt(
  tx: PgTx,
  places: readonly { roundId: number; position: number; userId: string }[],
) {
  const found = await tx.$client.query<{
    question_id: number;
    user_id: string;
    round_id: number;
    position: number;
    correct: boolean;
    streak: number;
  }>({
    name: "beleg_answers_at",
    text: SELECT_ANSWERS_AT,
    values: [
      places.map((p) => p.roundId),
      places.map((p) => p.position),
      places.map((p) => p.userId),
    ],
  });
  const rows = found.rows.map((r) => ({
    questionId: r.question_id,
    userId: r.user_id,
    roundId: r.round_id,
    position: r.position,
    correct: r.correct,
    streak: r.streak,
  }));
  return {
    answered: new Set(rows.map((r) => key(r.questionId, r.userId))),
    at: new Map<string, Previous>(rows.map((r) => [key(r.roundId, r.position, r.userId), r])),
  };
}

/** Every answer's outcome in arrival order, and the rows that store the recorded ones. */
function compute(
  batch: readonly NewAnswer[],
  questions: ReadonlyMap<number, Question>,
  known: { answered: Set<string>; at: Map<string, Previous> },
): Computed {
  const answered = new Set(known.answered);
  const at = new Map(known.at);
  const result: Computed = { outcomes: [], rows: [], scores: [], moves: [] };
  const totals = new Map<
    string,
    ScoreRow & { points: number; answered: number; correct: number; bestStreak: number }
  >();
  for (const input of batch) {
    const q = questions.get(input.questionId);
    if (!isOpen(q, input.now)) {
      result.outcomes.push({ status: "closed" });
      continue;
    }
    const answerKey = key(q.id, input.userId);
    if (answered.has(answerKey)) {
      result.outcomes.push({ status: "duplicate" });
      continue;
    }
    answered.add(answerKey);
    const previous = at.get(key(q.roundId, q.position - 1, input.userId));
    const correct = input.optionIndex === q.correctIndex;
    const responseMs = Math.max(0, input.now - (q.postedAt as number));
    const score = scoreAnswer({
      correct,
      responseMs,
      windowMs: (q.closesAt as number) - (q.postedAt as number),
      streakBefore: previous?.correct ? previous.streak : 0,
    });
    at.set(key(q.roundId, q.position, input.userId), { correct, streak: score.streak });
    result.rows.push({
      questionId: q.id,
      roundId: q.roundId,
      guildId: input.guildId,
      userId: input.userId,
      optionIndex: input.optionIndex,
      typedText: storableOptional(input.typedText),
      correct,
      points: score.points,
      streak: score.streak,
      responseMs,
      answeredAt: input.now,
    });
    const scoreKey = key(input.userId, input.guildId);
    const total = totals.get(scoreKey) ?? {
      guildId: input.guildId,
      userId: input.userId,
      userName: storableText(input.userName),
      points: 0,
      answered: 0,
      correct: 0,
      bestStreak: 0,
      updatedAt: input.now,
    };
    total.points += score.points;
    total.answered += 1;
    total.correct += correct ? 1 : 0;
    total.bestStreak = Math.max(total.bestStreak, score.streak);
    // The last answer's name and time, as one upsert per answer would leave them.
    total.userName = storableText(input.userName);
    total.updatedAt = input.now;
    totals.set(scoreKey, total);
    result.moves.push({ userId: input.userId, claimId: q.claimId, correct, now: input.now });
    result.outcomes.push({
      status: "recorded",
      correct,
      points: score.points,
      streak: score.streak,
    });
  }
  // In user id order: batches upserting the same scores in different orders deadlock (40P01).
  result.scores.push(
    ...[...totals.values()].sort((a, b) =>
      a.userId === b.userId ? compareText(a.guildId, b.guildId) : compareText(a.userId, b.userId),
    ),
  );
  return result;
}

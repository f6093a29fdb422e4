import type pg from "pg";
import { LATE_GRACE_MS, scoreAnswer } from "../../quiz/scoring.ts";
import type { NewAnswer, RecordOutcome } from "../../quiz/stores.ts";
import { WriteFailedError } from "../write-failure.ts";
import {
  type AnswerRow,
  type BatchRead,
  deleteAnswers,
  type Question,
  readBatch,
  type ScoreRow,
  writeBatch,
} from "./answer-statements.ts";
import { userLocksStatement } from "./quiz-locks.ts";
import { type CardMove, movedCards } from "./review-cards.ts";
import { storableOptional, storableText } from "./text.ts";
import { inTransaction, type PgTx } from "./transaction.ts";

/** How often a batch is computed again when its insert met answers it had not read (see below). */
const MAX_RECOMPUTES = 3;

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
 * Stores a batch of answers in one transaction that must commit within `deadlineMs`, and tells
 * each its outcome, in order: the same outcome each would have had alone on SQLite, one after
 * the other in arrival order (a user's second answer in the batch builds its streak on their
 * first). Four round trips: BEGIN with the batch's user locks, one read (questions, the answers
 * around them, the review cards), one write (answers, scores, cards), COMMIT. Conflicts (40001,
 * 40P01) are retried inside the deadline.
 */
export function storeAnswerBatch(
  pool: pg.Pool,
  batch: readonly NewAnswer[],
  deadlineMs: number,
): Promise<RecordOutcome[]> {
  return inTransaction(pool, (tx) => storeLocked(tx, batch), {
    deadlineMs,
    opening: userLocksStatement(batch.map((a) => a.userId)),
  });
}

/** storeAnswerBatch's work, in a transaction that holds the batch's user locks. */
async function storeLocked(tx: PgTx, batch: readonly NewAnswer[]): Promise<RecordOutcome[]> {
  const unread = new Set<string>();
  for (let attempt = 0; attempt <= MAX_RECOMPUTES; attempt++) {
    const read = await readBatch(tx, batch);
    const computed = compute(batch, read, unread);
    if (computed.rows.length === 0) return computed.outcomes;
    const inserted = await writeBatch(
      tx,
      computed.rows,
      computed.scores,
      movedCards(read.cards, computed.moves),
    );
    if (inserted.length === computed.rows.length) return computed.outcomes;
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

/** Every answer's outcome in arrival order, and the rows that store the recorded ones. */
function compute(
  batch: readonly NewAnswer[],
  { questions, answers }: BatchRead,
  unread: ReadonlySet<string>,
): Computed {
  // `unread`: answers an unlocked writer stored that this read may not show.
  const answered = new Set([...answers.map((a) => key(a.questionId, a.userId)), ...unread]);
  const at = new Map<string, Previous>(
    answers.map((a) => [key(a.roundId, a.position, a.userId), a]),
  );
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

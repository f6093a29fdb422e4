import { and, asc, desc, eq, gte, isNull, lte, type SQL, sql } from "drizzle-orm";
import { type Db, writeTransaction } from "../db/client.ts";
import { answers, claims, reviewCards, roundQuestions, rounds, scores } from "../db/schema.ts";
import { scheduleReview } from "./review.ts";
import { scoreAnswer } from "./scoring.ts";
import type { KindChoice, Lang, Question, QuizClaim } from "./types.ts";

/** An answer that arrives this long after the deadline (network, clocks) still counts. */
export const LATE_GRACE_MS = 500;

export class RoundBusyError extends Error {
  constructor(readonly channelId: string) {
    super(`a round is already running in channel ${channelId}`);
    this.name = "RoundBusyError";
  }
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Error &&
  "code" in error &&
  String((error as { code: unknown }).code).startsWith("SQLITE_CONSTRAINT");

/** Every claim of the index, as the quiz uses them. */
export function loadQuizClaims(db: Db): QuizClaim[] {
  return db
    .select()
    .from(claims)
    .orderBy(asc(claims.id))
    .all()
    .map((c) => ({
      id: c.id,
      articleId: c.articleId,
      passageId: c.passageId,
      type: c.type as QuizClaim["type"],
      quote: c.quote,
      question: { de: c.questionDe, en: c.questionEn },
      statement: { de: c.statementDe, en: c.statementEn },
      answers: c.answers,
      accept: c.accept,
      distractors: c.distractors,
      tags: c.tags,
    }));
}

export interface NewRound {
  guildId: string;
  channelId: string;
  starterId: string;
  kind: KindChoice;
  lang: Lang;
  seconds: number;
  seed: number;
  article?: string | undefined;
  topic?: string | undefined;
  questions: readonly Question[];
  now: number;
}

/** Stores a new running round with its questions; refuses a second running round per channel. */
export function createRound(db: Db, round: NewRound): { roundId: number; questionIds: number[] } {
  try {
    return writeTransaction(db, (tx) => {
      const inserted = tx
        .insert(rounds)
        .values({
          guildId: round.guildId,
          channelId: round.channelId,
          starterId: round.starterId,
          status: "running",
          kind: round.kind,
          lang: round.lang,
          seconds: round.seconds,
          seed: round.seed,
          article: round.article ?? null,
          topic: round.topic ?? null,
          startedAt: round.now,
        })
        .returning({ id: rounds.id })
        .get();
      const questionIds = round.questions.map(
        (q, position) =>
          tx
            .insert(roundQuestions)
            .values({
              roundId: inserted.id,
              position,
              claimId: q.claimId,
              kind: q.kind,
              prompt: q.prompt,
              options: [...q.options],
              correctIndex: q.correctIndex,
              passageId: q.citation.passageId,
              quote: q.citation.quote,
            })
            .returning({ id: roundQuestions.id })
            .get().id,
      );
      return { roundId: inserted.id, questionIds };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RoundBusyError(round.channelId);
    throw error;
  }
}

export function markQuestionPosted(
  db: Db,
  questionId: number,
  postedAt: number,
  closesAt: number,
): void {
  writeTransaction(db, (tx) =>
    tx
      .update(roundQuestions)
      .set({ postedAt, closesAt })
      .where(eq(roundQuestions.id, questionId))
      .run(),
  );
}

export function markQuestionClosed(db: Db, questionId: number, now: number): void {
  writeTransaction(db, (tx) =>
    tx
      .update(roundQuestions)
      .set({ closedAt: now })
      .where(and(eq(roundQuestions.id, questionId), isNull(roundQuestions.closedAt)))
      .run(),
  );
}

export interface AnswerInput {
  questionId: number;
  guildId: string;
  userId: string;
  userName: string;
  optionIndex: number;
  now: number;
}

export type RecordOutcome =
  | { status: "recorded"; correct: boolean; points: number; streak: number }
  | { status: "duplicate" }
  | { status: "closed" };

const p = sql.placeholder;

/** The statements of the answer path, prepared once per database (it runs for every click). */
function prepareAnswerStatements(db: Db) {
  return {
    question: db
      .select()
      .from(roundQuestions)
      .where(eq(roundQuestions.id, p("questionId")))
      .prepare(),
    previous: db
      .select({ correct: answers.correct, streak: answers.streak })
      .from(answers)
      .innerJoin(roundQuestions, eq(answers.questionId, roundQuestions.id))
      .where(
        and(
          eq(roundQuestions.roundId, p("roundId")),
          eq(roundQuestions.position, p("position")),
          eq(answers.userId, p("userId")),
        ),
      )
      .prepare(),
    insertAnswer: db
      .insert(answers)
      .values({
        questionId: p("questionId"),
        roundId: p("roundId"),
        guildId: p("guildId"),
        userId: p("userId"),
        optionIndex: p("optionIndex"),
        correct: p("correct"),
        points: p("points"),
        streak: p("streak"),
        responseMs: p("responseMs"),
        answeredAt: p("answeredAt"),
      })
      .prepare(),
    upsertScore: db
      .insert(scores)
      .values({
        guildId: p("guildId"),
        userId: p("userId"),
        userName: p("userName"),
        points: p("points"),
        answered: 1,
        correct: p("correct"),
        bestStreak: p("streak"),
        updatedAt: p("updatedAt"),
      })
      .onConflictDoUpdate({
        target: [scores.guildId, scores.userId],
        set: {
          userName: sql`excluded.user_name`,
          points: sql`${scores.points} + excluded.points`,
          answered: sql`${scores.answered} + 1`,
          correct: sql`${scores.correct} + excluded.correct`,
          bestStreak: sql`CASE WHEN ${scores.bestStreak} > excluded.best_streak THEN ${scores.bestStreak} ELSE excluded.best_streak END`,
          updatedAt: sql`excluded.updated_at`,
        },
      })
      .prepare(),
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
          [
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
          ].map((column) => [snakeToCamel(column), sql.raw(`excluded.${column}`)]),
        ),
      })
      .prepare(),
  };
}

function snakeToCamel(name: string): string {
  return name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}

const answerStatements = new WeakMap<Db, ReturnType<typeof prepareAnswerStatements>>();

function statementsFor(db: Db) {
  let statements = answerStatements.get(db);
  if (!statements) {
    statements = prepareAnswerStatements(db);
    answerStatements.set(db, statements);
  }
  return statements;
}

/** Moves a user's FSRS schedule for a claim by one answer (inside the caller's transaction). */
function updateReviewCard(
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
 * Records one answer, its points, the user's score and review schedule in one transaction. The
 * database refuses a second answer of the same user to the same question, whatever process
 * sends it; an answer to a question that is not open is refused as "closed".
 */
export function recordAnswer(db: Db, input: AnswerInput): RecordOutcome {
  const s = statementsFor(db);
  try {
    return writeTransaction(db, (): RecordOutcome => {
      const q = s.question.get({ questionId: input.questionId });
      if (!q || q.postedAt === null || q.closesAt === null || q.closedAt !== null)
        return { status: "closed" };
      if (input.now > q.closesAt + LATE_GRACE_MS) return { status: "closed" };
      const previous = s.previous.get({
        roundId: q.roundId,
        position: q.position - 1,
        userId: input.userId,
      });
      const correct = input.optionIndex === q.correctIndex;
      const responseMs = Math.max(0, input.now - q.postedAt);
      const score = scoreAnswer({
        correct,
        responseMs,
        windowMs: q.closesAt - q.postedAt,
        streakBefore: previous?.correct ? previous.streak : 0,
      });
      const common = {
        guildId: input.guildId,
        userId: input.userId,
        points: score.points,
        streak: score.streak,
      };
      s.insertAnswer.run({
        ...common,
        questionId: q.id,
        roundId: q.roundId,
        optionIndex: input.optionIndex,
        correct: correct ? 1 : 0,
        responseMs,
        answeredAt: input.now,
      });
      s.upsertScore.run({
        ...common,
        userName: input.userName,
        correct: correct ? 1 : 0,
        updatedAt: input.now,
      });
      updateReviewCard(db, input.userId, q.claimId, correct, input.now);
      return { status: "recorded", correct, points: score.points, streak: score.streak };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { status: "duplicate" };
    throw error;
  }
}

/** A /review answer: it moves the claim's review schedule, not the server scores. */
export function recordReviewAnswer(
  db: Db,
  userId: string,
  claimId: string,
  correct: boolean,
  now: number,
): void {
  writeTransaction(db, () => updateReviewCard(db, userId, claimId, correct, now));
}

/** Ends a round: status, end time, and every question still open closed. */
export function endRound(
  db: Db,
  roundId: number,
  status: "finished" | "stopped" | "interrupted",
  now: number,
): void {
  writeTransaction(db, (tx) => {
    tx.update(rounds).set({ status, endedAt: now }).where(eq(rounds.id, roundId)).run();
    tx.update(roundQuestions)
      .set({ closedAt: now })
      .where(and(eq(roundQuestions.roundId, roundId), isNull(roundQuestions.closedAt)))
      .run();
  });
}

/** On start-up: rounds a crash left running are closed as interrupted; their answers stay. */
export function interruptRunningRounds(db: Db, now: number): number {
  const running = db
    .select({ id: rounds.id })
    .from(rounds)
    .where(eq(rounds.status, "running"))
    .all();
  for (const r of running) endRound(db, r.id, "interrupted", now);
  return running.length;
}

export interface Standing {
  userId: string;
  userName: string;
  points: number;
  correct: number;
  answered: number;
}

/** Points per user over some answers, best first (names from the server's scores). */
function answerTotals(db: Db, where: SQL | undefined, limit?: number): Standing[] {
  const query = db
    .select({
      userId: answers.userId,
      userName: sql<string>`coalesce(max(${scores.userName}), ${answers.userId})`,
      points: sql<number>`sum(${answers.points})`,
      correct: sql<number>`sum(${answers.correct})`,
      answered: sql<number>`count(*)`,
    })
    .from(answers)
    .leftJoin(scores, and(eq(scores.guildId, answers.guildId), eq(scores.userId, answers.userId)))
    .where(where)
    .groupBy(answers.userId)
    .orderBy(desc(sql`sum(${answers.points})`), asc(answers.userId));
  return limit === undefined ? query.all() : query.limit(limit).all();
}

/** Points per user in one round, best first. */
export function roundStandings(db: Db, roundId: number): Standing[] {
  return answerTotals(db, eq(answers.roundId, roundId));
}

/** A server's standings, all time or since a moment. */
export function leaderboard(db: Db, guildId: string, since?: number, limit = 10): Standing[] {
  if (since !== undefined) {
    return answerTotals(
      db,
      and(eq(answers.guildId, guildId), gte(answers.answeredAt, since)),
      limit,
    );
  }
  return db
    .select({
      userId: scores.userId,
      userName: scores.userName,
      points: scores.points,
      correct: scores.correct,
      answered: scores.answered,
    })
    .from(scores)
    .where(eq(scores.guildId, guildId))
    .orderBy(desc(scores.points), asc(scores.userId))
    .limit(limit)
    .all();
}

/** The claims due for review for a user: ones they have missed, whose FSRS due time has come. */
export function dueClaimIds(db: Db, userId: string, now: number, limit = 10): string[] {
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
    .limit(limit)
    .all()
    .map((r) => r.claimId);
}

export interface UserStats {
  points: number;
  answered: number;
  correct: number;
  rounds: number;
  bestStreak: number;
  /** Topics (claim tags) with the lowest share of right answers, at least one of them wrong. */
  weakestTopics: { tag: string; correct: number; answered: number }[];
}

export function userStats(db: Db, guildId: string, userId: string): UserStats | undefined {
  const total = db
    .select()
    .from(scores)
    .where(and(eq(scores.guildId, guildId), eq(scores.userId, userId)))
    .get();
  if (!total) return undefined;
  const rows = db
    .select({ roundId: answers.roundId, correct: answers.correct, tags: claims.tags })
    .from(answers)
    .innerJoin(roundQuestions, eq(answers.questionId, roundQuestions.id))
    .leftJoin(claims, eq(claims.id, roundQuestions.claimId))
    .where(and(eq(answers.guildId, guildId), eq(answers.userId, userId)))
    .all();
  const byTag = new Map<string, { correct: number; answered: number }>();
  for (const row of rows) {
    for (const tag of row.tags ?? []) {
      const t = byTag.get(tag) ?? { correct: 0, answered: 0 };
      t.answered++;
      if (row.correct) t.correct++;
      byTag.set(tag, t);
    }
  }
  const weakestTopics = [...byTag]
    .map(([tag, t]) => ({ tag, ...t }))
    .filter((t) => t.correct < t.answered)
    .sort((a, b) => a.correct / a.answered - b.correct / b.answered || b.answered - a.answered)
    .slice(0, 3);
  return {
    points: total.points,
    answered: total.answered,
    correct: total.correct,
    rounds: new Set(rows.map((r) => r.roundId)).size,
    bestStreak: total.bestStreak,
    weakestTopics,
  };
}

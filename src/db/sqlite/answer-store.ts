import { and, eq, sql } from "drizzle-orm";
import { LATE_GRACE_MS, scoreAnswer } from "../../quiz/scoring.ts";
import type {
  AnswerStore,
  MemberTotals,
  NewAnswer,
  PointsSlot,
  RecordOutcome,
  Standing,
} from "../../quiz/stores.ts";
import { type Db, isConstraintViolation } from "../client.ts";
import { answers, roundQuestions, scores } from "../schema.ts";
import type { WriteQueue } from "../write-queue.ts";
import { updateReviewCard } from "./review-store.ts";
import { leaderboard, memberTotals, pointsSince, roundStandings } from "./standings.ts";

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
        typedText: p("typedText"),
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
  };
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

/**
 * Records one answer, its points, the user's score and review schedule (inside the caller's
 * write transaction). The database refuses a second answer of the same user to the same question,
 * whatever process sends it: that throws a constraint violation. An answer to a question that is
 * not open is refused as "closed".
 */
function recordAnswer(tx: Db, input: NewAnswer): RecordOutcome {
  const s = statementsFor(tx);
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
    typedText: input.typedText ?? null,
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
  updateReviewCard(tx, input.userId, q.claimId, correct, input.now);
  return { status: "recorded", correct, points: score.points, streak: score.streak };
}

/**
 * Answers on SQLite: each answer in its own savepoint of the write queue's group commit (a
 * refused one undoes only itself); standings read on the reader connection.
 */
export class SqliteAnswerStore implements AnswerStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteQueue,
  ) {}

  async record(answer: NewAnswer): Promise<RecordOutcome> {
    try {
      return await this.writes.run((tx) => recordAnswer(tx, answer));
    } catch (error) {
      if (isConstraintViolation(error)) return { status: "duplicate" };
      throw error;
    }
  }

  async roundStandings(roundId: number): Promise<Standing[]> {
    return roundStandings(this.db, roundId);
  }

  async leaderboard(guildId: string, since?: number, limit?: number): Promise<Standing[]> {
    return leaderboard(this.db, guildId, since, limit);
  }

  async memberTotals(guildId: string, userId: string): Promise<MemberTotals | undefined> {
    return memberTotals(this.db, guildId, userId);
  }

  async pointsSince(guildId: string, userId: string, since: number): Promise<PointsSlot[]> {
    return pointsSince(this.db, guildId, userId, since);
  }
}

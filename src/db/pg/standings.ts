import { and, desc, eq, gte, type SQL, sql } from "drizzle-orm";
import {
  type MemberTotals,
  POINTS_SLOT_MS,
  type PointsSlot,
  type Standing,
} from "../../quiz/stores.ts";
import type { PgDb } from "./client.ts";
import { answers, roundQuestions, scores } from "./schema.ts";

/**
 * Ties are broken by user id in byte order, as SQLite compares text, whatever collation the
 * database was created with.
 */
const byUserId = (column: typeof answers.userId | typeof scores.userId) =>
  sql`${column} collate "C" asc`;

/** Points per user over some answers, best first (names from the server's scores). */
async function answerTotals(db: PgDb, where: SQL | undefined, limit?: number): Promise<Standing[]> {
  const query = db
    .select({
      userId: answers.userId,
      userName: sql<string>`coalesce(max(${scores.userName}), ${answers.userId})`,
      points: sql<number>`sum(${answers.points})::int`,
      correct: sql<number>`(count(*) filter (where ${answers.correct}))::int`,
      answered: sql<number>`count(*)::int`,
    })
    .from(answers)
    .leftJoin(scores, and(eq(scores.guildId, answers.guildId), eq(scores.userId, answers.userId)))
    .where(where)
    .groupBy(answers.userId)
    .orderBy(desc(sql`sum(${answers.points})`), byUserId(answers.userId));
  return limit === undefined ? query : query.limit(limit);
}

/** Points per user in one round, best first. */
export function roundStandings(db: PgDb, roundId: number): Promise<Standing[]> {
  return answerTotals(db, eq(answers.roundId, roundId));
}

/** A server's standings, all time or since a moment. */
export async function leaderboard(
  db: PgDb,
  guildId: string,
  since?: number,
  limit = 10,
): Promise<Standing[]> {
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
    .orderBy(desc(scores.points), byUserId(scores.userId))
    .limit(limit);
}

/** A member's totals in a server, with their answers by claim; undefined when they have none. */
export async function memberTotals(
  db: PgDb,
  guildId: string,
  userId: string,
): Promise<MemberTotals | undefined> {
  const [total] = await db
    .select()
    .from(scores)
    .where(and(eq(scores.guildId, guildId), eq(scores.userId, userId)));
  if (!total) return undefined;
  const rows = await db
    .select({
      claimId: roundQuestions.claimId,
      correct: sql<number>`(count(*) filter (where ${answers.correct}))::int`,
      answered: sql<number>`count(*)::int`,
    })
    .from(answers)
    .innerJoin(roundQuestions, eq(answers.questionId, roundQuestions.id))
    .where(and(eq(answers.guildId, guildId), eq(answers.userId, userId)))
    .groupBy(roundQuestions.claimId);
  const [played] = await db
    .select({ rounds: sql<number>`count(distinct ${answers.roundId})::int` })
    .from(answers)
    .where(and(eq(answers.guildId, guildId), eq(answers.userId, userId)));
  return {
    points: total.points,
    answered: total.answered,
    correct: total.correct,
    rounds: played?.rounds ?? 0,
    bestStreak: total.bestStreak,
    byClaim: rows,
  };
}

/** The slot an answer falls in (the constant is ours, written into the statement as is). */
const slotStart = sql<number>`(${answers.answeredAt} / ${sql.raw(String(POINTS_SLOT_MS))}) * ${sql.raw(String(POINTS_SLOT_MS))}`;

/** A member's points in a server from a moment on, per slot, oldest first. */
export function pointsSince(
  db: PgDb,
  guildId: string,
  userId: string,
  since: number,
): Promise<PointsSlot[]> {
  return db
    .select({ start: slotStart.mapWith(Number), points: sql<number>`sum(${answers.points})::int` })
    .from(answers)
    .where(
      and(eq(answers.guildId, guildId), eq(answers.userId, userId), gte(answers.answeredAt, since)),
    )
    .groupBy(slotStart)
    .orderBy(slotStart);
}

import { and, asc, desc, eq, gte, type SQL, sql } from "drizzle-orm";
import {
  type MemberTotals,
  POINTS_SLOT_MS,
  type PointsSlot,
  type Standing,
} from "../../quiz/stores.ts";
import type { Db } from "../client.ts";
import { answers, roundQuestions, scores } from "../schema.ts";

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

/** A member's totals in a server, with their answers by claim; undefined when they have none. */
export function memberTotals(db: Db, guildId: string, userId: string): MemberTotals | undefined {
  const total = db
    .select()
    .from(scores)
    .where(and(eq(scores.guildId, guildId), eq(scores.userId, userId)))
    .get();
  if (!total) return undefined;
  const rows = db
    .select({
      roundId: answers.roundId,
      correct: answers.correct,
      claimId: roundQuestions.claimId,
    })
    .from(answers)
    .innerJoin(roundQuestions, eq(answers.questionId, roundQuestions.id))
    .where(and(eq(answers.guildId, guildId), eq(answers.userId, userId)))
    .all();
  const byClaim = new Map<string, { claimId: string; correct: number; answered: number }>();
  for (const row of rows) {
    const claim = byClaim.get(row.claimId) ?? { claimId: row.claimId, correct: 0, answered: 0 };
    claim.answered++;
    if (row.correct) claim.correct++;
    byClaim.set(row.claimId, claim);
  }
  return {
    points: total.points,
    answered: total.answered,
    correct: total.correct,
    rounds: new Set(rows.map((r) => r.roundId)).size,
    bestStreak: total.bestStreak,
    byClaim: [...byClaim.values()],
  };
}

/** The slot an answer falls in (the constant is ours, written into the statement as is). */
const slotStart = sql<number>`(${answers.answeredAt} / ${sql.raw(String(POINTS_SLOT_MS))}) * ${sql.raw(String(POINTS_SLOT_MS))}`;

/** A member's points in a server from a moment on, per slot, oldest first. */
export function pointsSince(db: Db, guildId: string, userId: string, since: number): PointsSlot[] {
  return db
    .select({ start: slotStart, points: sql<number>`sum(${answers.points})` })
    .from(answers)
    .where(
      and(eq(answers.guildId, guildId), eq(answers.userId, userId), gte(answers.answeredAt, since)),
    )
    .groupBy(slotStart)
    .orderBy(slotStart)
    .all();
}

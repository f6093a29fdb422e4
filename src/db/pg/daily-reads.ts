import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { DailyAnswer, DailyResult } from "../../quiz/daily-stores.ts";
import type { PgDb } from "./client.ts";
import { answers, dailyPosts, dailySchedules, reviewCards, scores } from "./schema.ts";

/** The question of the day's reads on PostgreSQL (on the pool). */

export const postColumns = {
  id: dailyPosts.id,
  guildId: dailyPosts.guildId,
  day: dailyPosts.day,
  channelId: dailyPosts.channelId,
  lang: dailyPosts.lang,
  status: dailyPosts.status,
  claimedBy: dailyPosts.claimedBy,
  opensAt: dailyPosts.opensAt,
  closesAt: dailyPosts.closesAt,
  roundId: dailyPosts.roundId,
  questionId: dailyPosts.questionId,
  question: dailyPosts.question,
  messageId: dailyPosts.messageId,
};

export const scheduleColumns = {
  guildId: dailySchedules.guildId,
  channelId: dailySchedules.channelId,
  time: dailySchedules.time,
  timeZone: dailySchedules.timeZone,
  kind: dailySchedules.kind,
  hours: dailySchedules.hours,
  lang: dailySchedules.lang,
  pausedReason: dailySchedules.pausedReason,
  createdBy: dailySchedules.createdBy,
  updatedAt: dailySchedules.updatedAt,
};

export async function dayTaken(db: PgDb, guildId: string, day: string): Promise<boolean> {
  const rows = await db
    .select({ id: dailyPosts.id })
    .from(dailyPosts)
    .where(and(eq(dailyPosts.guildId, guildId), eq(dailyPosts.day, day)))
    .limit(1);
  return rows.length > 0;
}

export async function askedSince(db: PgDb, guildId: string, since: number): Promise<string[]> {
  const rows = await db
    .select({ claimId: dailyPosts.claimId })
    .from(dailyPosts)
    .where(and(eq(dailyPosts.guildId, guildId), gte(dailyPosts.opensAt, since)));
  return rows.map((r) => r.claimId);
}

export async function missedByMembers(db: PgDb, guildId: string): Promise<Map<string, number>> {
  const members = db
    .select({ userId: scores.userId })
    .from(scores)
    .where(eq(scores.guildId, guildId));
  const rows = await db
    .select({ claimId: reviewCards.claimId, misses: sql<string>`sum(${reviewCards.misses})` })
    .from(reviewCards)
    .where(and(inArray(reviewCards.userId, members), sql`${reviewCards.misses} > 0`))
    .groupBy(reviewCards.claimId);
  return new Map(rows.map((r) => [r.claimId, Number(r.misses)]));
}

export function answersTo(db: PgDb, postId: number): Promise<DailyAnswer[]> {
  return db
    .select({
      userId: answers.userId,
      userName: sql<string>`coalesce(${scores.userName}, ${answers.userId})`,
      correct: answers.correct,
    })
    .from(dailyPosts)
    .innerJoin(answers, eq(answers.questionId, dailyPosts.questionId))
    .leftJoin(scores, and(eq(scores.guildId, answers.guildId), eq(scores.userId, answers.userId)))
    .where(eq(dailyPosts.id, postId))
    .orderBy(asc(answers.answeredAt), sql`${answers.userId} collate "C"`);
}

export async function results(db: PgDb, guildId: string, limit: number): Promise<DailyResult[]> {
  const days = await db
    .select({ day: dailyPosts.day, questionId: dailyPosts.questionId })
    .from(dailyPosts)
    .where(
      and(eq(dailyPosts.guildId, guildId), inArray(dailyPosts.status, ["revealing", "revealed"])),
    )
    .orderBy(desc(dailyPosts.opensAt))
    .limit(limit);
  if (days.length === 0) return [];
  const right = await db
    .select({
      questionId: answers.questionId,
      userId: answers.userId,
      userName: sql<string>`coalesce(${scores.userName}, ${answers.userId})`,
    })
    .from(answers)
    .leftJoin(scores, and(eq(scores.guildId, answers.guildId), eq(scores.userId, answers.userId)))
    .where(
      and(
        inArray(
          answers.questionId,
          days.map((d) => d.questionId),
        ),
        eq(answers.correct, true),
      ),
    );
  return days.map((d) => ({
    day: d.day,
    right: right
      .filter((r) => r.questionId === d.questionId)
      .map(({ userId, userName }) => ({ userId, userName })),
  }));
}

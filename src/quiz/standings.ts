import { and, asc, desc, eq, gte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { answers, claims, roundQuestions, scores } from "../db/schema.ts";

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
function leaderboard(db: Db, guildId: string, since?: number, limit = 10): Standing[] {
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

export interface UserStats {
  points: number;
  answered: number;
  correct: number;
  rounds: number;
  bestStreak: number;
  /** Topics (claim tags) with the lowest share of right answers, at least one of them wrong. */
  weakestTopics: { tag: string; correct: number; answered: number }[];
}

function userStats(db: Db, guildId: string, userId: string): UserStats | undefined {
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

/** The reads behind /leaderboard and /stats. */
export class Scoreboard {
  constructor(private readonly db: Db) {}

  /** A server's best players, all time or since a moment. */
  leaderboard(guildId: string, since?: number): Standing[] {
    return leaderboard(this.db, guildId, since);
  }

  stats(guildId: string, userId: string): UserStats | undefined {
    return userStats(this.db, guildId, userId);
  }
}

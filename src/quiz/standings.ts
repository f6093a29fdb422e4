import { type DayPoints, pointsPerDay, STATS_DAYS, STATS_TIME_ZONE, slotsSince } from "./days.ts";
import type { AnswerStore, Standing } from "./stores.ts";

/** A member's right and all answers on questions of one topic (claim tag). */
export interface TopicTally {
  tag: string;
  correct: number;
  answered: number;
}

export interface UserStats {
  points: number;
  answered: number;
  correct: number;
  rounds: number;
  bestStreak: number;
  /** Topics (claim tags) with the lowest share of right answers, at least one of them wrong. */
  weakestTopics: TopicTally[];
  /** Every topic answered, the most answered first. */
  topics: TopicTally[];
}

/** The tags of claims by id (from the search index; a claim no longer there has none). */
export type ClaimTags = (claimIds: readonly string[]) => Map<string, readonly string[]>;

/** The reads behind /leaderboard and /stats. */
export class Scoreboard {
  constructor(
    private readonly answers: AnswerStore,
    private readonly claimTags: ClaimTags,
    private readonly timeZone: string = STATS_TIME_ZONE,
  ) {}

  /** A server's best players, all time or since a moment. */
  leaderboard(guildId: string, since?: number): Promise<Standing[]> {
    return this.answers.leaderboard(guildId, since);
  }

  async stats(guildId: string, userId: string): Promise<UserStats | undefined> {
    const totals = await this.answers.memberTotals(guildId, userId);
    if (!totals) return undefined;
    const tags = this.claimTags(totals.byClaim.map((c) => c.claimId));
    const byTag = new Map<string, { correct: number; answered: number }>();
    for (const claim of totals.byClaim) {
      for (const tag of tags.get(claim.claimId) ?? []) {
        const t = byTag.get(tag) ?? { correct: 0, answered: 0 };
        t.answered += claim.answered;
        t.correct += claim.correct;
        byTag.set(tag, t);
      }
    }
    const topics = [...byTag]
      .map(([tag, t]) => ({ tag, ...t }))
      .sort((a, b) => b.answered - a.answered || (a.tag < b.tag ? -1 : 1));
    const weakestTopics = topics
      .filter((t) => t.correct < t.answered)
      .sort((a, b) => a.correct / a.answered - b.correct / b.answered || b.answered - a.answered)
      .slice(0, 3);
    const { byClaim: _, ...counts } = totals;
    return { ...counts, weakestTopics, topics };
  }

  /** A member's points per calendar day over the last STATS_DAYS days, oldest first. */
  async recentDays(guildId: string, userId: string, now: number): Promise<DayPoints[]> {
    const slots = await this.answers.pointsSince(guildId, userId, slotsSince(now, STATS_DAYS));
    return pointsPerDay(slots, now, STATS_DAYS, this.timeZone);
  }
}

import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import type pg from "pg";
import type {
  DailyAnswer,
  DailyPost,
  DailyResult,
  DailySchedule,
  DailyStore,
  NewDailyPost,
  PauseReason,
} from "../../quiz/daily-stores.ts";
import { DAILY_STARTER } from "../../quiz/daily-stores.ts";
import { ownerGone } from "../../quiz/owners.ts";
import type { OwnerIdentity } from "../../quiz/stores.ts";
import type { PgDb } from "./client.ts";
import {
  answersTo,
  askedSince,
  dayTaken,
  missedByMembers,
  postColumns,
  results,
  scheduleColumns,
} from "./daily-reads.ts";
import { findOwner } from "./owner-store.ts";
import { QUIZ_WRITE_DEADLINE_MS } from "./quiz-locks.ts";
import { dailyPosts, dailySchedules, roundQuestions, rounds } from "./schema.ts";
import { inTransaction, type PgTx } from "./transaction.ts";

const mine = (postId: number, claimedBy: string, status: DailyPost["status"]) =>
  and(
    eq(dailyPosts.id, postId),
    eq(dailyPosts.status, status),
    eq(dailyPosts.claimedBy, claimedBy),
  );

/** Thrown inside claimDay's transaction to roll back its round when the day was taken. */
class DayTaken extends Error {}

async function closeQuestion(tx: PgTx, postId: number, now: number): Promise<void> {
  const [post] = await tx
    .select({ questionId: dailyPosts.questionId })
    .from(dailyPosts)
    .where(eq(dailyPosts.id, postId));
  if (!post) return;
  await tx
    .update(roundQuestions)
    .set({ closedAt: now })
    .where(and(eq(roundQuestions.id, post.questionId), isNull(roundQuestions.closedAt)));
}

/** The question of the day on PostgreSQL: each write its own transaction, reads on the pool. */
export class PgDailyStore implements DailyStore {
  constructor(
    private readonly db: PgDb,
    private readonly pool: pg.Pool,
  ) {}

  private write<T>(work: (tx: PgTx) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work, { deadlineMs: QUIZ_WRITE_DEADLINE_MS });
  }

  setSchedule(schedule: DailySchedule): Promise<void> {
    const row = { ...schedule, pausedReason: null, pausedAt: null };
    return this.write(async (tx) => {
      await tx
        .insert(dailySchedules)
        .values(row)
        .onConflictDoUpdate({ target: dailySchedules.guildId, set: row });
    });
  }

  removeSchedule(guildId: string): Promise<boolean> {
    return this.write(async (tx) => {
      const removed = await tx
        .delete(dailySchedules)
        .where(eq(dailySchedules.guildId, guildId))
        .returning({ guildId: dailySchedules.guildId });
      return removed.length > 0;
    });
  }

  pause(guildId: string, reason: PauseReason, now: number): Promise<void> {
    return this.write(async (tx) => {
      await tx
        .update(dailySchedules)
        .set({ pausedReason: reason, pausedAt: now })
        .where(eq(dailySchedules.guildId, guildId));
    });
  }

  async schedule(guildId: string): Promise<DailySchedule | undefined> {
    const [schedule] = await this.db
      .select(scheduleColumns)
      .from(dailySchedules)
      .where(eq(dailySchedules.guildId, guildId));
    return schedule;
  }

  runningSchedules(): Promise<DailySchedule[]> {
    return this.db
      .select(scheduleColumns)
      .from(dailySchedules)
      .where(isNull(dailySchedules.pausedReason));
  }

  async claimDay(post: NewDailyPost, self: OwnerIdentity) {
    try {
      return await this.write(async (tx) => {
        const q = post.question;
        const [round] = await tx
          .insert(rounds)
          .values({
            guildId: post.guildId,
            channelId: post.channelId,
            starterId: DAILY_STARTER,
            status: "finished",
            ownerId: self.id,
            kind: q.kind,
            lang: post.lang,
            seconds: Math.round((post.closesAt - post.opensAt) / 1000),
            seed: 0,
            startedAt: post.now,
            endedAt: post.closesAt,
          })
          .returning({ id: rounds.id });
        const [question] = await tx
          .insert(roundQuestions)
          .values({
            roundId: round?.id ?? 0,
            position: 0,
            claimId: q.claimId,
            kind: q.kind,
            prompt: q.prompt,
            options: [...q.options],
            correctIndex: q.correctIndex,
            passageId: q.citation.passageId,
            quote: q.citation.quote,
            postedAt: post.now,
            closesAt: post.closesAt,
          })
          .returning({ id: roundQuestions.id });
        // A concurrent claim of the same day waits here for the first to commit, then finds
        // the key taken: the whole transaction, round and question included, is rolled back.
        const [stored] = await tx
          .insert(dailyPosts)
          .values({
            guildId: post.guildId,
            day: post.day,
            channelId: post.channelId,
            lang: post.lang,
            status: "claimed",
            claimedBy: self.id,
            claimedAt: post.now,
            opensAt: post.opensAt,
            closesAt: post.closesAt,
            roundId: round?.id ?? 0,
            questionId: question?.id ?? 0,
            claimId: q.claimId,
            question: q,
          })
          .onConflictDoNothing()
          .returning(postColumns);
        if (!stored) throw new DayTaken();
        return { status: "claimed" as const, post: stored };
      });
    } catch (error) {
      if (error instanceof DayTaken) return { status: "taken" as const };
      throw error;
    }
  }

  markPosted(postId: number, self: OwnerIdentity, messageId: string, now: number) {
    return this.write(async (tx) => {
      const moved = await tx
        .update(dailyPosts)
        .set({ status: "posted", messageId, postedAt: now })
        .where(mine(postId, self.id, "claimed"))
        .returning({ id: dailyPosts.id });
      return moved.length > 0;
    });
  }

  markMissed(postId: number, self: OwnerIdentity, now: number) {
    return this.write(async (tx) => {
      const moved = await tx
        .update(dailyPosts)
        .set({ status: "missed" })
        .where(mine(postId, self.id, "claimed"))
        .returning({ id: dailyPosts.id });
      if (moved.length > 0) await closeQuestion(tx, postId, now);
      return moved.length > 0;
    });
  }

  claimReveal(postId: number, self: OwnerIdentity, now: number) {
    return this.write(async (tx) => {
      const moved = await tx
        .update(dailyPosts)
        .set({ status: "revealing", claimedBy: self.id, claimedAt: now })
        .where(
          and(
            eq(dailyPosts.id, postId),
            eq(dailyPosts.status, "posted"),
            lte(dailyPosts.closesAt, now),
          ),
        )
        .returning({ id: dailyPosts.id });
      if (moved.length > 0) await closeQuestion(tx, postId, now);
      return moved.length > 0;
    });
  }

  markRevealed(postId: number, self: OwnerIdentity, messageId: string, now: number) {
    return this.write(async (tx) => {
      const moved = await tx
        .update(dailyPosts)
        .set({ status: "revealed", revealMessageId: messageId, revealedAt: now })
        .where(mine(postId, self.id, "revealing"))
        .returning({ id: dailyPosts.id });
      return moved.length > 0;
    });
  }

  async takeOverStalled(self: OwnerIdentity, now: number): Promise<DailyPost[]> {
    // Nearly always nothing is in flight: a read spares every tick a transaction.
    const inFlight = await this.db
      .select({ id: dailyPosts.id })
      .from(dailyPosts)
      .where(inArray(dailyPosts.status, ["claimed", "revealing"]))
      .limit(1);
    if (inFlight.length === 0) return [];
    return this.write(async (tx) => {
      const open = await tx
        .select(postColumns)
        .from(dailyPosts)
        .where(inArray(dailyPosts.status, ["claimed", "revealing"]))
        .orderBy(asc(dailyPosts.opensAt));
      const taken: DailyPost[] = [];
      for (const post of open) {
        if (!ownerGone(await findOwner(tx, post.claimedBy), self, now)) continue;
        // Conditional on the old claimant: of two processes taking over, one moves the row.
        const moved = await tx
          .update(dailyPosts)
          .set({ claimedBy: self.id, claimedAt: now })
          .where(mine(post.id, post.claimedBy, post.status))
          .returning({ id: dailyPosts.id });
        if (moved.length > 0) taken.push({ ...post, claimedBy: self.id });
      }
      return taken;
    });
  }

  dueReveals(now: number): Promise<DailyPost[]> {
    return this.db
      .select(postColumns)
      .from(dailyPosts)
      .where(and(eq(dailyPosts.status, "posted"), lte(dailyPosts.closesAt, now)))
      .orderBy(asc(dailyPosts.closesAt));
  }

  async post(postId: number): Promise<DailyPost | undefined> {
    if (!Number.isSafeInteger(postId) || postId > 2_147_483_647) return undefined;
    const [post] = await this.db
      .select(postColumns)
      .from(dailyPosts)
      .where(eq(dailyPosts.id, postId));
    return post;
  }

  dayTaken(guildId: string, day: string): Promise<boolean> {
    return dayTaken(this.db, guildId, day);
  }

  askedSince(guildId: string, since: number): Promise<string[]> {
    return askedSince(this.db, guildId, since);
  }

  missedByMembers(guildId: string): Promise<Map<string, number>> {
    return missedByMembers(this.db, guildId);
  }

  answersTo(postId: number): Promise<DailyAnswer[]> {
    return answersTo(this.db, postId);
  }

  results(guildId: string, limit: number): Promise<DailyResult[]> {
    return results(this.db, guildId, limit);
  }
}

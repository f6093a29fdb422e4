import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
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
import type { Db } from "../client.ts";
import { dailyPosts, dailySchedules, roundQuestions, rounds } from "../schema.ts";
import type { WriteQueue } from "../write-queue.ts";
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

const mine = (postId: number, self: OwnerIdentity, status: DailyPost["status"]) =>
  and(eq(dailyPosts.id, postId), eq(dailyPosts.status, status), eq(dailyPosts.claimedBy, self.id));

function closeQuestion(tx: Db, postId: number, now: number): void {
  const post = tx
    .select({ questionId: dailyPosts.questionId })
    .from(dailyPosts)
    .where(eq(dailyPosts.id, postId))
    .get();
  if (!post) return;
  tx.update(roundQuestions)
    .set({ closedAt: now })
    .where(and(eq(roundQuestions.id, post.questionId), isNull(roundQuestions.closedAt)))
    .run();
}

/** The question of the day on SQLite: writes in the write queue, reads on the reader. */
export class SqliteDailyStore implements DailyStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteQueue,
  ) {}

  setSchedule(schedule: DailySchedule): Promise<void> {
    const row = { ...schedule, pausedReason: null, pausedAt: null };
    return this.writes.run((tx) => {
      tx.insert(dailySchedules)
        .values(row)
        .onConflictDoUpdate({ target: dailySchedules.guildId, set: row })
        .run();
    });
  }

  removeSchedule(guildId: string): Promise<boolean> {
    return this.writes.run(
      (tx) =>
        tx.delete(dailySchedules).where(eq(dailySchedules.guildId, guildId)).run().changes > 0,
    );
  }

  pause(guildId: string, reason: PauseReason, now: number): Promise<void> {
    return this.writes.run((tx) => {
      tx.update(dailySchedules)
        .set({ pausedReason: reason, pausedAt: now })
        .where(eq(dailySchedules.guildId, guildId))
        .run();
    });
  }

  async schedule(guildId: string): Promise<DailySchedule | undefined> {
    return this.db
      .select(scheduleColumns)
      .from(dailySchedules)
      .where(eq(dailySchedules.guildId, guildId))
      .get();
  }

  async runningSchedules(): Promise<DailySchedule[]> {
    return this.db
      .select(scheduleColumns)
      .from(dailySchedules)
      .where(isNull(dailySchedules.pausedReason))
      .all();
  }

  claimDay(post: NewDailyPost, self: OwnerIdentity) {
    return this.writes.run((tx) => {
      const taken = tx
        .select({ id: dailyPosts.id })
        .from(dailyPosts)
        .where(and(eq(dailyPosts.guildId, post.guildId), eq(dailyPosts.day, post.day)))
        .get();
      if (taken) return { status: "taken" as const };
      const q = post.question;
      const round = tx
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
        .returning({ id: rounds.id })
        .get();
      const question = tx
        .insert(roundQuestions)
        .values({
          roundId: round.id,
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
        .returning({ id: roundQuestions.id })
        .get();
      const stored = tx
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
          roundId: round.id,
          questionId: question.id,
          claimId: q.claimId,
          question: q,
        })
        .returning(postColumns)
        .get();
      return { status: "claimed" as const, post: stored };
    });
  }

  markPosted(postId: number, self: OwnerIdentity, messageId: string, now: number) {
    return this.writes.run(
      (tx) =>
        tx
          .update(dailyPosts)
          .set({ status: "posted", messageId, postedAt: now })
          .where(mine(postId, self, "claimed"))
          .run().changes > 0,
    );
  }

  markMissed(postId: number, self: OwnerIdentity, now: number) {
    return this.writes.run((tx) => {
      const missed = tx
        .update(dailyPosts)
        .set({ status: "missed" })
        .where(mine(postId, self, "claimed"))
        .run().changes;
      if (missed > 0) closeQuestion(tx, postId, now);
      return missed > 0;
    });
  }

  claimReveal(postId: number, self: OwnerIdentity, now: number) {
    return this.writes.run((tx) => {
      const taken = tx
        .update(dailyPosts)
        .set({ status: "revealing", claimedBy: self.id, claimedAt: now })
        .where(
          and(
            eq(dailyPosts.id, postId),
            eq(dailyPosts.status, "posted"),
            lte(dailyPosts.closesAt, now),
          ),
        )
        .run().changes;
      if (taken > 0) closeQuestion(tx, postId, now);
      return taken > 0;
    });
  }

  markRevealed(postId: number, self: OwnerIdentity, messageId: string, now: number) {
    return this.writes.run(
      (tx) =>
        tx
          .update(dailyPosts)
          .set({ status: "revealed", revealMessageId: messageId, revealedAt: now })
          .where(mine(postId, self, "revealing"))
          .run().changes > 0,
    );
  }

  async takeOverStalled(self: OwnerIdentity, now: number): Promise<DailyPost[]> {
    // Nearly always nothing is in flight: a read spares every tick a write.
    const inFlight = this.db
      .select({ id: dailyPosts.id })
      .from(dailyPosts)
      .where(inArray(dailyPosts.status, ["claimed", "revealing"]))
      .limit(1)
      .get();
    if (!inFlight) return [];
    return this.writes.run((tx) => {
      const open = tx
        .select(postColumns)
        .from(dailyPosts)
        .where(inArray(dailyPosts.status, ["claimed", "revealing"]))
        .orderBy(asc(dailyPosts.opensAt))
        .all();
      const taken: DailyPost[] = [];
      for (const post of open) {
        if (!ownerGone(findOwner(tx, post.claimedBy), self, now)) continue;
        const moved = tx
          .update(dailyPosts)
          .set({ claimedBy: self.id, claimedAt: now })
          .where(mine(post.id, { ...self, id: post.claimedBy }, post.status))
          .run().changes;
        if (moved > 0) taken.push({ ...post, claimedBy: self.id });
      }
      return taken;
    });
  }

  async dueReveals(now: number): Promise<DailyPost[]> {
    return this.db
      .select(postColumns)
      .from(dailyPosts)
      .where(and(eq(dailyPosts.status, "posted"), lte(dailyPosts.closesAt, now)))
      .orderBy(asc(dailyPosts.closesAt))
      .all();
  }

  async post(postId: number): Promise<DailyPost | undefined> {
    return this.db.select(postColumns).from(dailyPosts).where(eq(dailyPosts.id, postId)).get();
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

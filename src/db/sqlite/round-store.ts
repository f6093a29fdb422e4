import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { ownerGone } from "../../quiz/owners.ts";
import type {
  CreatedRound,
  EndStatus,
  NewRound,
  OwnerIdentity,
  RoundFence,
  RoundStore,
} from "../../quiz/stores.ts";
import type { Db } from "../client.ts";
import { owners, roundQuestions, rounds } from "../schema.ts";
import type { WriteQueue } from "../write-queue.ts";
import { findOwner } from "./owner-store.ts";
import { pruneEndedRounds } from "./round-pruning.ts";

const HOUR = 60 * 60_000;

/**
 * When the starter may start the next round in this channel, or undefined when they may now:
 * counted from the stored rounds, inside the write that would store the new one (the server's
 * last hour of rounds, read through rounds_guild_idx).
 */
function nextAllowedStart(tx: Db, round: NewRound, limit: number): number | undefined {
  const recent = tx
    .select({ startedAt: rounds.startedAt })
    .from(rounds)
    .where(
      and(
        eq(rounds.guildId, round.guildId),
        gt(rounds.startedAt, round.now - HOUR),
        eq(rounds.channelId, round.channelId),
        eq(rounds.starterId, round.starterId),
      ),
    )
    .orderBy(desc(rounds.startedAt))
    .limit(limit)
    .all();
  const oldest = recent.at(-1);
  return recent.length >= limit && oldest ? oldest.startedAt + HOUR : undefined;
}

const held = (fence: RoundFence) =>
  and(
    eq(rounds.id, fence.roundId),
    eq(rounds.status, "running"),
    eq(rounds.ownerId, fence.ownerId),
  );

/** Whether the round is still running under this owner (inside the caller's transaction). */
function holdsRound(tx: Db, fence: RoundFence): boolean {
  return tx.select({ id: rounds.id }).from(rounds).where(held(fence)).get() !== undefined;
}

/**
 * Ends a running round: status, end time, and every question still open closed. Only a running
 * round ends (the WHERE clause says so), so an ended status never changes again; with a fence,
 * only while its owner still holds it. False when nothing was ended.
 */
function endRound(
  tx: Db,
  round: RoundFence | { readonly roundId: number },
  status: EndStatus,
  now: number,
): boolean {
  const ended = tx
    .update(rounds)
    .set({ status, endedAt: now })
    .where(
      "ownerId" in round
        ? held(round)
        : and(eq(rounds.id, round.roundId), eq(rounds.status, "running")),
    )
    .run().changes;
  if (ended === 0) return false;
  tx.update(roundQuestions)
    .set({ closedAt: now })
    .where(and(eq(roundQuestions.roundId, round.roundId), isNull(roundQuestions.closedAt)))
    .run();
  return true;
}

/**
 * Stores a new running round with its questions, or refuses it: "busy" when a live round holds
 * the channel, "too-often" when its starter has started the hourly limit of rounds there. A
 * running round whose owner is gone, or one of this process that no longer runs (`isLive` says
 * so), is closed as interrupted first: no channel stays blocked by a dead round.
 */
function createRound(
  tx: Db,
  round: NewRound,
  self: OwnerIdentity,
  isLive: (roundId: number) => boolean,
): CreatedRound {
  if (round.hourlyLimit !== undefined) {
    const retryAt = nextAllowedStart(tx, round, round.hourlyLimit);
    if (retryAt !== undefined)
      return { ok: false, reason: "too-often", limit: round.hourlyLimit, retryAt };
  }
  const holder = tx
    .select({ id: rounds.id, ownerId: rounds.ownerId })
    .from(rounds)
    .where(and(eq(rounds.channelId, round.channelId), eq(rounds.status, "running")))
    .get();
  if (holder) {
    const stale =
      holder.ownerId === self.id
        ? !isLive(holder.id)
        : ownerGone(findOwner(tx, holder.ownerId), self, round.now);
    if (!stale) return { ok: false, reason: "busy" };
    endRound(tx, { roundId: holder.id }, "interrupted", round.now);
  }
  const inserted = tx
    .insert(rounds)
    .values({
      guildId: round.guildId,
      channelId: round.channelId,
      starterId: round.starterId,
      status: "running",
      ownerId: self.id,
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
}

/** Marks a question posted, while the owner holds its round; false when it does not. */
function markQuestionPosted(
  tx: Db,
  fence: RoundFence,
  questionId: number,
  postedAt: number,
  closesAt: number,
): boolean {
  if (!holdsRound(tx, fence)) return false;
  tx.update(roundQuestions)
    .set({ postedAt, closesAt })
    .where(eq(roundQuestions.id, questionId))
    .run();
  return true;
}

/** Closes a question, while the owner holds its round; false when it does not. */
function markQuestionClosed(tx: Db, fence: RoundFence, questionId: number, now: number): boolean {
  if (!holdsRound(tx, fence)) return false;
  tx.update(roundQuestions)
    .set({ closedAt: now })
    .where(and(eq(roundQuestions.id, questionId), isNull(roundQuestions.closedAt)))
    .run();
  return true;
}

/**
 * Rounds left running by owners that are gone (a crash, kill -9) are closed as interrupted;
 * their answers stay. Rounds of live processes are not touched.
 */
function interruptOrphanedRounds(tx: Db, self: OwnerIdentity, now: number): number {
  const running = tx
    .select({ id: rounds.id, owner: owners })
    .from(rounds)
    .leftJoin(owners, eq(owners.id, rounds.ownerId))
    .where(eq(rounds.status, "running"))
    .all();
  let interrupted = 0;
  for (const r of running) {
    if (r.owner?.id === self.id || !ownerGone(r.owner ?? undefined, self, now)) continue;
    endRound(tx, { roundId: r.id }, "interrupted", now);
    interrupted++;
  }
  return interrupted;
}

/** Rounds on SQLite: every write in the write queue, each in its own savepoint. */
export class SqliteRoundStore implements RoundStore {
  constructor(private readonly writes: WriteQueue) {}

  create(
    round: NewRound,
    self: OwnerIdentity,
    isLive: (roundId: number) => boolean,
  ): Promise<CreatedRound> {
    return this.writes.run((tx) => createRound(tx, round, self, isLive));
  }

  markPosted(
    fence: RoundFence,
    questionId: number,
    windowMs: number,
    clock: () => number,
  ): Promise<number | undefined> {
    return this.writes.run((tx) => {
      const now = clock();
      return markQuestionPosted(tx, fence, questionId, now, now + windowMs) ? now : undefined;
    });
  }

  markClosed(fence: RoundFence, questionId: number, now: number): Promise<boolean> {
    return this.writes.run((tx) => markQuestionClosed(tx, fence, questionId, now));
  }

  async end(fence: RoundFence, status: EndStatus, now: number): Promise<"ended" | "lost"> {
    return (await this.writes.run((tx) => endRound(tx, fence, status, now))) ? "ended" : "lost";
  }

  interruptOrphaned(self: OwnerIdentity, now: number): Promise<number> {
    return this.writes.run((tx) => interruptOrphanedRounds(tx, self, now));
  }

  pruneEnded(now: number) {
    return this.writes.run((tx) => pruneEndedRounds(tx, now));
  }
}

import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type pg from "pg";
import { ownerGone } from "../../quiz/owners.ts";
import type {
  CreatedRound,
  EndStatus,
  NewRound,
  OwnerIdentity,
  RoundFence,
  RoundStore,
} from "../../quiz/stores.ts";
import { sqlState } from "./errors.ts";
import { findOwner } from "./owner-store.ts";
import { lockChannel, QUIZ_WRITE_DEADLINE_MS } from "./quiz-locks.ts";
import { pruneEndedRounds } from "./round-pruning.ts";
import { owners, roundQuestions, rounds } from "./schema.ts";
import { storableOptional, storableText } from "./text.ts";
import { inTransaction, type PgTx } from "./transaction.ts";

const HOUR = 60 * 60_000;

/**
 * When the starter may start the next round in this channel, or undefined when they may now:
 * counted from the stored rounds inside the write that would store the new one (under the
 * channel lock, so two starts cannot both pass the count).
 */
async function nextAllowedStart(tx: PgTx, round: NewRound, limit: number) {
  const recent = await tx
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
    .limit(limit);
  const oldest = recent.at(-1);
  return recent.length >= limit && oldest ? oldest.startedAt + HOUR : undefined;
}

const held = (fence: RoundFence) =>
  and(
    eq(rounds.id, fence.roundId),
    eq(rounds.status, "running"),
    eq(rounds.ownerId, fence.ownerId),
  );

/**
 * Whether the round is still running under this owner; the row stays locked (FOR SHARE) until
 * the transaction ends, so an end by another writer cannot pass in between.
 */
async function holdsRound(tx: PgTx, fence: RoundFence): Promise<boolean> {
  const rows = await tx.select({ id: rounds.id }).from(rounds).where(held(fence)).for("share");
  return rows.length > 0;
}

/**
 * Ends a running round: status, end time, and every question still open closed. Only a running
 * round ends, so an ended status never changes again; with a fence, only while its owner still
 * holds it. False when nothing was ended.
 */
export async function endRound(
  tx: PgTx,
  round: RoundFence | { readonly roundId: number },
  status: EndStatus,
  now: number,
): Promise<boolean> {
  const ended = await tx
    .update(rounds)
    .set({ status, endedAt: now })
    .where(
      "ownerId" in round
        ? held(round)
        : and(eq(rounds.id, round.roundId), eq(rounds.status, "running")),
    );
  if (ended.rowCount === 0) return false;
  await tx
    .update(roundQuestions)
    .set({ closedAt: now })
    .where(and(eq(roundQuestions.roundId, round.roundId), isNull(roundQuestions.closedAt)));
  return true;
}

/** See RoundStore.create; the SQLite implementation's rules, under the channel's lock. */
async function createRound(
  tx: PgTx,
  round: NewRound,
  self: OwnerIdentity,
  isLive: (roundId: number) => boolean,
): Promise<CreatedRound> {
  await lockChannel(tx, round.channelId);
  if (round.hourlyLimit !== undefined) {
    const retryAt = await nextAllowedStart(tx, round, round.hourlyLimit);
    if (retryAt !== undefined)
      return { ok: false, reason: "too-often", limit: round.hourlyLimit, retryAt };
  }
  const [holder] = await tx
    .select({ id: rounds.id, ownerId: rounds.ownerId })
    .from(rounds)
    .where(and(eq(rounds.channelId, round.channelId), eq(rounds.status, "running")));
  if (holder) {
    const stale =
      holder.ownerId === self.id
        ? !isLive(holder.id)
        : ownerGone(await findOwner(tx, holder.ownerId), self, round.now);
    if (!stale) return { ok: false, reason: "busy" };
    await endRound(tx, { roundId: holder.id }, "interrupted", round.now);
  }
  const [inserted] = await tx
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
      article: storableOptional(round.article),
      topic: storableOptional(round.topic),
      startedAt: round.now,
    })
    .returning({ id: rounds.id });
  if (!inserted) throw new Error("the round was not inserted");
  if (round.questions.length === 0) return { roundId: inserted.id, questionIds: [] };
  const questions = await tx
    .insert(roundQuestions)
    .values(
      round.questions.map((q, position) => ({
        roundId: inserted.id,
        position,
        claimId: storableText(q.claimId),
        kind: q.kind,
        prompt: storableText(q.prompt),
        options: q.options.map(storableText),
        correctIndex: q.correctIndex,
        passageId: storableText(q.citation.passageId),
        quote: storableText(q.citation.quote),
      })),
    )
    .returning({ id: roundQuestions.id, position: roundQuestions.position });
  // RETURNING's row order is not promised: place each id by its position.
  const questionIds = questions.sort((a, b) => a.position - b.position).map((q) => q.id);
  return { roundId: inserted.id, questionIds };
}

/** Rounds on PostgreSQL: every write its own transaction within the interaction deadline. */
export class PgRoundStore implements RoundStore {
  constructor(private readonly pool: pg.Pool) {}

  private write<T>(work: (tx: PgTx) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work, { deadlineMs: QUIZ_WRITE_DEADLINE_MS });
  }

  async create(
    round: NewRound,
    self: OwnerIdentity,
    isLive: (roundId: number) => boolean,
  ): Promise<CreatedRound> {
    try {
      return await this.write((tx) => createRound(tx, round, self, isLive));
    } catch (error) {
      // A writer that does not take the channel lock got there first: one running round per
      // channel is the unique index's to keep.
      if (sqlState(error) === "23505") return { ok: false, reason: "busy" };
      throw error;
    }
  }

  markPosted(
    fence: RoundFence,
    questionId: number,
    windowMs: number,
    clock: () => number,
  ): Promise<number | undefined> {
    return this.write(async (tx) => {
      if (!(await holdsRound(tx, fence))) return undefined;
      const now = clock();
      await tx
        .update(roundQuestions)
        .set({ postedAt: now, closesAt: now + windowMs })
        .where(eq(roundQuestions.id, questionId));
      return now;
    });
  }

  markClosed(fence: RoundFence, questionId: number, now: number): Promise<boolean> {
    return this.write(async (tx) => {
      if (!(await holdsRound(tx, fence))) return false;
      await tx
        .update(roundQuestions)
        .set({ closedAt: now })
        .where(and(eq(roundQuestions.id, questionId), isNull(roundQuestions.closedAt)));
      return true;
    });
  }

  async end(fence: RoundFence, status: EndStatus, now: number): Promise<"ended" | "lost"> {
    return (await this.write((tx) => endRound(tx, fence, status, now))) ? "ended" : "lost";
  }

  /**
   * Rounds left running by owners that are gone (a crash, kill -9) end as interrupted; their
   * answers stay. Rounds of live processes are not touched.
   */
  interruptOrphaned(self: OwnerIdentity, now: number): Promise<number> {
    return this.write(async (tx) => {
      const running = await tx
        .select({ id: rounds.id, owner: owners })
        .from(rounds)
        .leftJoin(owners, eq(owners.id, rounds.ownerId))
        .where(eq(rounds.status, "running"));
      let interrupted = 0;
      for (const r of running) {
        if (r.owner?.id === self.id || !ownerGone(r.owner ?? undefined, self, now)) continue;
        if (await endRound(tx, { roundId: r.id }, "interrupted", now)) interrupted++;
      }
      return interrupted;
    });
  }

  pruneEnded(now: number) {
    return this.write((tx) => pruneEndedRounds(tx, now));
  }
}

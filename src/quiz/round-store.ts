import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { owners, roundQuestions, rounds } from "../db/schema.ts";
import { findOwner, type OwnerIdentity, ownerGone } from "./owners.ts";
import type { StartResult } from "./round-types.ts";
import type { KindChoice, Lang, Question } from "./types.ts";

const HOUR = 60 * 60_000;

export interface NewRound {
  guildId: string;
  channelId: string;
  starterId: string;
  kind: KindChoice;
  lang: Lang;
  seconds: number;
  seed: number;
  article?: string | undefined;
  topic?: string | undefined;
  questions: readonly Question[];
  now: number;
  /** Rounds its starter may start in its channel within an hour; none for the console. */
  hourlyLimit?: number | undefined;
}

export type CreatedRound =
  | { readonly roundId: number; readonly questionIds: number[] }
  | { readonly ok: false; readonly reason: "busy" }
  | Extract<StartResult, { readonly reason: "too-often" }>;

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

export type EndStatus = "finished" | "stopped" | "interrupted";

/**
 * The fencing token of a round: its id and the process that owns it. A round's row never passes
 * to another owner: one that takes over a channel ends the round as interrupted and writes a new
 * one. So a write of the owner is valid only while its row still says `running` under its id,
 * and every such write checks that in its own transaction (an end in its UPDATE's WHERE clause):
 * a process that resumes after its lease ran out (a pause, SIGSTOP) finds its round ended and
 * writes, and so posts, nothing more.
 */
export interface RoundFence {
  readonly roundId: number;
  readonly ownerId: string;
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
export function endRound(
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
export function createRound(
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
export function markQuestionPosted(
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
export function markQuestionClosed(
  tx: Db,
  fence: RoundFence,
  questionId: number,
  now: number,
): boolean {
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
export function interruptOrphanedRounds(tx: Db, self: OwnerIdentity, now: number): number {
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

import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { owners, roundQuestions, rounds } from "../db/schema.ts";
import { findOwner, type OwnerIdentity, ownerGone } from "./owners.ts";
import type { KindChoice, Lang, Question } from "./types.ts";

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
}

export type EndStatus = "finished" | "stopped" | "interrupted";

/** Ends a round: status, end time, and every question still open closed. */
export function endRound(tx: Db, roundId: number, status: EndStatus, now: number): void {
  tx.update(rounds).set({ status, endedAt: now }).where(eq(rounds.id, roundId)).run();
  tx.update(roundQuestions)
    .set({ closedAt: now })
    .where(and(eq(roundQuestions.roundId, roundId), isNull(roundQuestions.closedAt)))
    .run();
}

/**
 * Stores a new running round with its questions, or returns null when a live round holds the
 * channel. A running round whose owner is gone, or one of this process that no longer runs
 * (`isLive` says so), is closed as interrupted first: no channel stays blocked by a dead round.
 */
export function createRound(
  tx: Db,
  round: NewRound,
  self: OwnerIdentity,
  isLive: (roundId: number) => boolean,
): { roundId: number; questionIds: number[] } | null {
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
    if (!stale) return null;
    endRound(tx, holder.id, "interrupted", round.now);
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

export function markQuestionPosted(
  tx: Db,
  questionId: number,
  postedAt: number,
  closesAt: number,
): void {
  tx.update(roundQuestions)
    .set({ postedAt, closesAt })
    .where(eq(roundQuestions.id, questionId))
    .run();
}

export function markQuestionClosed(tx: Db, questionId: number, now: number): void {
  tx.update(roundQuestions)
    .set({ closedAt: now })
    .where(and(eq(roundQuestions.id, questionId), isNull(roundQuestions.closedAt)))
    .run();
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
    endRound(tx, r.id, "interrupted", now);
    interrupted++;
  }
  return interrupted;
}

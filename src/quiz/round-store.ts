import { and, eq, isNull } from "drizzle-orm";
import { type Db, isConstraintViolation, writeTransaction } from "../db/client.ts";
import { roundQuestions, rounds } from "../db/schema.ts";
import type { KindChoice, Lang, Question } from "./types.ts";

export class RoundBusyError extends Error {
  constructor(readonly channelId: string) {
    super(`a round is already running in channel ${channelId}`);
    this.name = "RoundBusyError";
  }
}

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

/** Stores a new running round with its questions; refuses a second running round per channel. */
export function createRound(db: Db, round: NewRound): { roundId: number; questionIds: number[] } {
  try {
    return writeTransaction(db, (tx) => {
      const inserted = tx
        .insert(rounds)
        .values({
          guildId: round.guildId,
          channelId: round.channelId,
          starterId: round.starterId,
          status: "running",
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
    });
  } catch (error) {
    if (isConstraintViolation(error)) throw new RoundBusyError(round.channelId);
    throw error;
  }
}

export function markQuestionPosted(
  db: Db,
  questionId: number,
  postedAt: number,
  closesAt: number,
): void {
  writeTransaction(db, (tx) =>
    tx
      .update(roundQuestions)
      .set({ postedAt, closesAt })
      .where(eq(roundQuestions.id, questionId))
      .run(),
  );
}

export function markQuestionClosed(db: Db, questionId: number, now: number): void {
  writeTransaction(db, (tx) =>
    tx
      .update(roundQuestions)
      .set({ closedAt: now })
      .where(and(eq(roundQuestions.id, questionId), isNull(roundQuestions.closedAt)))
      .run(),
  );
}

/** Ends a round: status, end time, and every question still open closed. */
export function endRound(
  db: Db,
  roundId: number,
  status: "finished" | "stopped" | "interrupted",
  now: number,
): void {
  writeTransaction(db, (tx) => {
    tx.update(rounds).set({ status, endedAt: now }).where(eq(rounds.id, roundId)).run();
    tx.update(roundQuestions)
      .set({ closedAt: now })
      .where(and(eq(roundQuestions.roundId, roundId), isNull(roundQuestions.closedAt)))
      .run();
  });
}

/** On start-up: rounds a crash left running are closed as interrupted; their answers stay. */
export function interruptRunningRounds(db: Db, now: number): number {
  const running = db
    .select({ id: rounds.id })
    .from(rounds)
    .where(eq(rounds.status, "running"))
    .all();
  for (const r of running) endRound(db, r.id, "interrupted", now);
  return running.length;
}

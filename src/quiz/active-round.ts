import { storageOutcome, WriteFailedError } from "../db/write-failure.ts";
import { RoundMachine } from "./round.ts";
import type { AnswerResult, StartRequest } from "./round-types.ts";
import type { AnswerStore } from "./stores.ts";
import type { Question } from "./types.ts";

/** The first question stays open at least this long for others to join the starter. */
const JOIN_WINDOW_MS = 10_000;

/** A round running in this process: its rules, its stored question ids, who answered. */
export interface ActiveRound {
  readonly roundId: number;
  readonly guildId: string;
  readonly starterId: string;
  readonly machine: RoundMachine;
  readonly questionIds: readonly number[];
  readonly names: Map<string, string>;
  /** Points earned on the open question, by player. */
  readonly points: Map<string, number>;
  /** Answer writes of the open question still in flight. */
  readonly writing: Set<Promise<unknown>>;
}

/** A round just stored, as it starts to run in this process. */
export function activeRound(
  request: StartRequest,
  stored: { readonly roundId: number; readonly questionIds: readonly number[] },
  questions: readonly Question[],
): ActiveRound {
  const windowMs = request.seconds * 1000;
  return {
    roundId: stored.roundId,
    guildId: request.guildId,
    starterId: request.starterId,
    machine: new RoundMachine(
      questions,
      windowMs,
      [request.starterId],
      request.solo ? 0 : Math.min(JOIN_WINDOW_MS, windowMs),
    ),
    questionIds: stored.questionIds,
    names: new Map(),
    points: new Map(),
    writing: new Set(),
  };
}

export interface AnswerInput {
  readonly userId: string;
  readonly userName: string;
  readonly option: number;
  readonly typedText?: string;
}

/**
 * Records an answer to the round's open question: reserved in the round's rules at once (so a
 * double click cannot count twice), stored with its score and review card at once, and counted only once stored.
 */
export async function recordInRound(
  round: ActiveRound,
  answers: AnswerStore,
  now: number,
  input: AnswerInput,
): Promise<AnswerResult> {
  const reserved = round.machine.reserve(input.userId, input.option, now);
  if (reserved.outcome !== "reserved") return { status: reserved.outcome };
  const write = answers.record({
    questionId: round.questionIds[round.machine.position] as number,
    guildId: round.guildId,
    userId: input.userId,
    userName: input.userName,
    optionIndex: input.option,
    typedText: input.typedText,
    now,
  });
  round.writing.add(write);
  try {
    const recorded = await write;
    if (recorded.status !== "recorded") {
      round.machine.release(input.userId);
      return { status: recorded.status };
    }
    round.names.set(input.userId, input.userName);
    round.points.set(input.userId, recorded.points);
    const { everyoneAnswered } = round.machine.confirm(input.userId);
    return {
      status: "recorded",
      correct: recorded.correct,
      points: recorded.points,
      everyoneAnswered,
    };
  } catch (error) {
    round.machine.release(input.userId);
    if (error instanceof WriteFailedError) return { status: storageOutcome(error.reason) };
    throw error;
  } finally {
    round.writing.delete(write);
  }
}

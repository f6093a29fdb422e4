import type { Db } from "../db/client.ts";
import { recordAnswer } from "./answer-store.ts";
import { loadQuizClaims } from "./claims-store.ts";
import { generateQuestions, type RoundOptions } from "./generate.ts";
import { type Reveal, RoundMachine } from "./round.ts";
import {
  createRound,
  endRound,
  interruptRunningRounds,
  markQuestionClosed,
  markQuestionPosted,
  RoundBusyError,
} from "./round-store.ts";
import { roundStandings, type Standing } from "./standings.ts";
import type { Question } from "./types.ts";

export const ROUND_LIMITS = {
  minQuestions: 1,
  maxQuestions: 20,
  minSeconds: 10,
  maxSeconds: 120,
} as const;

export interface StartRequest extends Omit<RoundOptions, "seed"> {
  readonly guildId: string;
  readonly channelId: string;
  readonly starterId: string;
  readonly seconds: number;
  readonly seed?: number;
  /** Players known to be there from the start: the first question may close early for them. */
  readonly players?: readonly string[];
}

export type StartResult =
  | { readonly ok: true; readonly roundId: number; readonly questionCount: number }
  | { readonly ok: false; readonly reason: "busy" | "no-questions" };

export interface OpenedQuestion {
  readonly roundId: number;
  readonly position: number;
  readonly total: number;
  readonly question: Question;
  readonly closesAt: number;
}

export type AnswerResult =
  | {
      readonly status: "recorded";
      readonly correct: boolean;
      readonly points: number;
      readonly everyoneAnswered: boolean;
    }
  | { readonly status: "duplicate" | "closed" | "invalid" | "no-round" };

export interface RevealResult extends Reveal {
  readonly roundId: number;
  readonly total: number;
  readonly rightNames: readonly string[];
}

export type StopResult =
  | { readonly status: "stopped"; readonly roundId: number; readonly standings: Standing[] }
  | { readonly status: "forbidden" | "no-round" };

interface ActiveRound {
  readonly roundId: number;
  readonly guildId: string;
  readonly starterId: string;
  readonly machine: RoundMachine;
  readonly questionIds: readonly number[];
  readonly names: Map<string, string>;
}

/**
 * Runs quiz rounds: the rules live in RoundMachine, every answer and score goes through the store
 * in one transaction. One service per process; callers (Discord, the console, the CLI) drive the
 * timing by calling openNext / closeCurrent / finish, with the clock passed in for tests.
 */
export class QuizService {
  private readonly active = new Map<string, ActiveRound>();

  constructor(
    private readonly db: Db,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Closes rounds a crash left running; call once on start-up. */
  recoverInterrupted(): number {
    return interruptRunningRounds(this.db, this.clock());
  }

  /** The questions a round with these options would ask. */
  generate(options: RoundOptions): Question[] {
    return generateQuestions(loadQuizClaims(this.db), options);
  }

  start(request: StartRequest): StartResult {
    if (this.active.has(request.channelId)) return { ok: false, reason: "busy" };
    const seed = request.seed ?? Math.floor(Math.random() * 2 ** 31);
    const questions = this.generate({ ...request, seed });
    if (questions.length === 0) return { ok: false, reason: "no-questions" };
    try {
      const { roundId, questionIds } = createRound(this.db, {
        ...request,
        seed,
        questions,
        now: this.clock(),
      });
      this.active.set(request.channelId, {
        roundId,
        guildId: request.guildId,
        starterId: request.starterId,
        machine: new RoundMachine(questions, request.seconds * 1000, request.players),
        questionIds,
        names: new Map(),
      });
      return { ok: true, roundId, questionCount: questions.length };
    } catch (error) {
      if (error instanceof RoundBusyError) return { ok: false, reason: "busy" };
      throw error;
    }
  }

  /** The channel's round and the position of its open question (if one is open). */
  current(channelId: string): { roundId: number; position: number; open: boolean } | undefined {
    const round = this.active.get(channelId);
    if (!round) return undefined;
    return {
      roundId: round.roundId,
      position: round.machine.position,
      open: round.machine.phase === "open",
    };
  }

  /** Opens the next question of the channel's round, or undefined when none is left. */
  openNext(channelId: string): OpenedQuestion | undefined {
    const round = this.active.get(channelId);
    if (!round?.machine.hasNext()) return undefined;
    const now = this.clock();
    const opened = round.machine.openNext(now);
    markQuestionPosted(this.db, round.questionIds[opened.position] as number, now, opened.closesAt);
    return {
      roundId: round.roundId,
      position: opened.position,
      total: round.machine.questions.length,
      question: opened.question,
      closesAt: opened.closesAt,
    };
  }

  answer(
    channelId: string,
    input: { userId: string; userName: string; option: number },
  ): AnswerResult {
    const round = this.active.get(channelId);
    if (!round) return { status: "no-round" };
    const now = this.clock();
    const outcome = round.machine.answer(input.userId, input.option, now);
    if (outcome.outcome !== "accepted") return { status: outcome.outcome };
    const recorded = recordAnswer(this.db, {
      questionId: round.questionIds[round.machine.position] as number,
      guildId: round.guildId,
      userId: input.userId,
      userName: input.userName,
      optionIndex: input.option,
      now,
    });
    if (recorded.status !== "recorded") {
      round.machine.withdraw(input.userId);
      return { status: recorded.status };
    }
    round.names.set(input.userId, input.userName);
    return {
      status: "recorded",
      correct: recorded.correct,
      points: recorded.points,
      everyoneAnswered: outcome.everyoneAnswered,
    };
  }

  /** True when the open question should close now (time up, or everyone who joined answered). */
  isDue(channelId: string): boolean {
    return this.active.get(channelId)?.machine.isDue(this.clock()) ?? false;
  }

  closeCurrent(channelId: string): RevealResult | undefined {
    const round = this.active.get(channelId);
    if (round?.machine.phase !== "open") return undefined;
    const reveal = round.machine.close();
    markQuestionClosed(this.db, round.questionIds[reveal.position] as number, this.clock());
    return {
      ...reveal,
      roundId: round.roundId,
      total: round.machine.questions.length,
      rightNames: reveal.rightUsers.map((u) => round.names.get(u) ?? u),
    };
  }

  /** Ends the round normally and returns its standings. */
  finish(channelId: string): Standing[] {
    const round = this.active.get(channelId);
    if (!round) return [];
    round.machine.finish();
    endRound(this.db, round.roundId, "finished", this.clock());
    this.active.delete(channelId);
    return roundStandings(this.db, round.roundId);
  }

  /** Stops the round: allowed to its starter and to members who may manage messages. */
  stop(channelId: string, by: { userId: string; canManageMessages: boolean }): StopResult {
    const round = this.active.get(channelId);
    if (!round) return { status: "no-round" };
    if (by.userId !== round.starterId && !by.canManageMessages) return { status: "forbidden" };
    round.machine.stop();
    endRound(this.db, round.roundId, "stopped", this.clock());
    this.active.delete(channelId);
    return {
      status: "stopped",
      roundId: round.roundId,
      standings: roundStandings(this.db, round.roundId),
    };
  }

  /** Closes every round of this process as interrupted (graceful shutdown). */
  interruptAll(): number {
    const now = this.clock();
    for (const round of this.active.values()) endRound(this.db, round.roundId, "interrupted", now);
    const count = this.active.size;
    this.active.clear();
    return count;
  }
}

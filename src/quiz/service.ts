import type { Db } from "../db/client.ts";
import { refusedWrite } from "../db/write-failure.ts";
import type { Logger } from "../logger.ts";
import type { GuildScope } from "../search/scope.ts";
import { type ActiveRound, type AnswerInput, activeRound, recordInRound } from "./active-round.ts";
import { loadQuizClaims } from "./claims-store.ts";
import { generateQuestions, type RoundOptions } from "./generate.ts";
import type { Reports } from "./reports.ts";
import { WRONG_TYPED } from "./round.ts";
import { RoundEnds } from "./round-ends.ts";
import {
  type AnswerResult,
  type OpenedQuestion,
  type RevealResult,
  ROUND_LIMITS,
  type StartRequest,
  type StartResult,
  type StopResult,
} from "./round-types.ts";
import type { EndStatus, OwnerIdentity, QuizStores, RoundFence, Standing } from "./stores.ts";
import { typedAnswerMatches } from "./typed-answer.ts";
import type { Question } from "./types.ts";

export interface QuizServiceDeps {
  /** The search index, for the claims a round asks. */
  readonly db: Db;
  readonly stores: Pick<QuizStores, "rounds" | "answers">;
  readonly clock: () => number;
  readonly owner: OwnerIdentity;
  readonly reports: Reports;
  readonly logger: Logger;
}

/**
 * Runs quiz rounds: the rules live in RoundMachine, every answer is stored with its score at
 * once. One service per process; callers (Discord, the console) drive
 * the timing by calling openNext / closeCurrent / finish. Memory follows the database: an answer
 * counts once it is committed, a round opens once it is stored.
 */
export class QuizService {
  private readonly active = new Map<string, ActiveRound>();
  /** Channels whose round is being created. */
  private readonly starting = new Set<string>();
  private readonly ends: RoundEnds;

  constructor(private readonly deps: QuizServiceDeps) {
    this.ends = new RoundEnds({ ...deps, rounds: deps.stores.rounds, ownerId: deps.owner.id });
  }

  private fence(round: ActiveRound): RoundFence {
    return { roundId: round.roundId, ownerId: this.deps.owner.id };
  }

  /** Another process has ended this round: it is forgotten here (see RoundEnds.lost). */
  private lose(channelId: string, round: ActiveRound): void {
    round.machine.stop();
    if (this.active.get(channelId) === round) this.active.delete(channelId);
    this.ends.lost(round.roundId, channelId);
  }

  /** Closes rounds whose owner is gone (crashed, killed); call on start-up. */
  async recoverOrphaned(): Promise<number> {
    return this.deps.stores.rounds.interruptOrphaned(this.deps.owner, this.deps.clock());
  }

  /** The questions a round with these options would ask in a server (or on the shared corpus). */
  generate(options: RoundOptions, guildId: GuildScope = null): Question[] {
    return generateQuestions(loadQuizClaims(this.deps.db, guildId), options);
  }

  async start(request: StartRequest): Promise<StartResult> {
    const channel = request.channelId;
    if (this.active.has(channel) || this.starting.has(channel))
      return { ok: false, reason: "busy" };
    // Taken before the first await: a second start meanwhile would take this process's new
    // round, not yet active, for a stale one and end it.
    this.starting.add(channel);
    try {
      return await this.startUnopposed(request);
    } finally {
      this.starting.delete(channel);
    }
  }

  private async startUnopposed(request: StartRequest): Promise<StartResult> {
    const seed = request.seed ?? Math.floor(Math.random() * 2 ** 31);
    const resting = await this.deps.reports.resting(request.guildId);
    const questions = this.generate({ ...request, seed, resting }, request.guildId);
    if (questions.length === 0) return { ok: false, reason: "no-questions" };
    const live = new Set([...this.active.values()].map((r) => r.roundId));
    const limit = request.solo ? undefined : ROUND_LIMITS.perMemberAndChannelPerHour;
    const created = await this.deps.stores.rounds
      .create(
        { ...request, seed, questions, now: this.deps.clock(), hourlyLimit: limit },
        this.deps.owner,
        (id) => live.has(id),
      )
      .catch(refusedWrite);
    if ("reason" in created) return created;
    if (this.active.has(request.channelId)) return { ok: false, reason: "busy" };
    this.active.set(request.channelId, activeRound(request, created, questions));
    return { ok: true, roundId: created.roundId, questionCount: questions.length };
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

  /**
   * Opens the next question once it is stored as posted, or undefined when none is left.
   * Throws WriteFailedError when it could not be stored.
   */
  async openNext(channelId: string): Promise<OpenedQuestion | undefined> {
    const round = this.active.get(channelId);
    if (!round?.machine.hasNext()) return undefined;
    const position = round.machine.position + 1;
    const postedAt = await this.deps.stores.rounds.markPosted(
      this.fence(round),
      round.questionIds[position] as number,
      round.machine.windowMs,
      this.deps.clock,
    );
    if (postedAt === undefined) {
      this.lose(channelId, round);
      return undefined;
    }
    if (this.active.get(channelId) !== round) return undefined;
    round.points.clear();
    const opened = round.machine.openNext(postedAt);
    return {
      roundId: round.roundId,
      position: opened.position,
      total: round.machine.questions.length,
      question: opened.question,
      closesAt: opened.closesAt,
    };
  }

  async answer(
    channelId: string,
    input: { userId: string; userName: string; option: number },
  ): Promise<AnswerResult> {
    // A typed question has no options to click: only a forged or stale button gets here.
    if (this.active.get(channelId)?.machine.current?.kind === "typed") return { status: "invalid" };
    return this.record(channelId, input);
  }

  /**
   * A typed answer to the question its form was opened on (round and position), accepted
   * leniently (case, umlauts, small typos, the claim's aliases in either language). Stored and
   * scored like a click; once another question is open, it is too late, never an answer to that.
   */
  async answerTyped(
    channelId: string,
    input: { userId: string; userName: string; text: string; roundId: number; position: number },
  ): Promise<AnswerResult> {
    const round = this.active.get(channelId);
    const question = round?.machine.current;
    if (
      question?.kind !== "typed" ||
      round?.roundId !== input.roundId ||
      round.machine.position !== input.position
    )
      return { status: "closed" };
    const right = typedAnswerMatches(input.text, question.accepted ?? question.options, {
      rivals: question.rivals ?? [],
      person: question.person ?? false,
    });
    return this.record(channelId, {
      ...input,
      option: right ? question.correctIndex : WRONG_TYPED,
      typedText: input.text,
    });
  }

  private async record(channelId: string, input: AnswerInput): Promise<AnswerResult> {
    const round = this.active.get(channelId);
    if (!round) return { status: "no-round" };
    return recordInRound(round, this.deps.stores.answers, this.deps.clock(), input);
  }

  /** True when the open question should close now (time up, or everyone who joined answered). */
  isDue(channelId: string): boolean {
    return this.active.get(channelId)?.machine.isDue(this.deps.clock()) ?? false;
  }

  /**
   * Closes the open question and reveals it, counting every answer whose write was under way
   * when it closed. Marking it closed in the database may fail without harm: stored deadlines
   * refuse late answers anyway, and the round's end closes every question. Undefined when there
   * is nothing to reveal, or the round is no longer this process's.
   */
  async closeCurrent(channelId: string): Promise<RevealResult | undefined> {
    const round = this.active.get(channelId);
    if (round?.machine.phase !== "open") return undefined;
    round.machine.stopTaking();
    await Promise.allSettled([...round.writing]);
    const reveal = round.machine.close();
    const questionId = round.questionIds[reveal.position] as number;
    const held = await this.deps.stores.rounds
      .markClosed(this.fence(round), questionId, this.deps.clock())
      .catch(() => true);
    if (!held) {
      this.lose(channelId, round);
      return undefined;
    }
    return {
      ...reveal,
      roundId: round.roundId,
      total: round.machine.questions.length,
      right: reveal.rightUsers
        .map((u) => ({ name: round.names.get(u) ?? u, points: round.points.get(u) ?? 0 }))
        .sort((a, b) => b.points - a.points),
    };
  }

  /**
   * Takes the channel's round out of play and ends it in the database; the round, or undefined
   * when there is none or another process had ended it.
   */
  private async endActive(channelId: string, status: EndStatus): Promise<ActiveRound | undefined> {
    const round = this.active.get(channelId);
    if (!round) return undefined;
    if (status === "finished") round.machine.finish();
    else round.machine.stop();
    this.active.delete(channelId);
    if ((await this.ends.end(round.roundId, status)) === "ended") return round;
    this.lose(channelId, round);
    return undefined;
  }

  /** Ends the round normally and returns its standings; undefined when it is not this process's. */
  async finish(channelId: string): Promise<Standing[] | undefined> {
    const round = await this.endActive(channelId, "finished");
    return round && this.deps.stores.answers.roundStandings(round.roundId);
  }

  /** Stops the round: allowed to its starter and to members who may manage messages. */
  async stop(
    channelId: string,
    by: { userId: string; canManageMessages: boolean },
  ): Promise<StopResult> {
    const current = this.active.get(channelId);
    if (current && by.userId !== current.starterId && !by.canManageMessages)
      return { status: "forbidden" };
    const round = await this.endActive(channelId, "stopped");
    if (!round) return { status: "no-round" };
    return {
      status: "stopped",
      roundId: round.roundId,
      standings: await this.deps.stores.answers.roundStandings(round.roundId),
    };
  }

  /**
   * Ends a round that cannot go on (its writes or posts keep failing, or the process shuts down);
   * it frees the channel. False when the round was not this process's to end.
   */
  async interrupt(channelId: string): Promise<boolean> {
    return (await this.endActive(channelId, "interrupted")) !== undefined;
  }

  /** Closes every round of this process as interrupted (graceful shutdown). */
  async interruptAll(): Promise<number> {
    const channels = [...this.active.keys()];
    const ended = await Promise.all(channels.map((c) => this.interrupt(c)));
    return ended.filter(Boolean).length;
  }

  /** Retries the round ends that could not be written before. */
  maintain(): Promise<void> {
    return this.ends.retry();
  }
}

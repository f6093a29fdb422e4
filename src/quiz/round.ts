import type { Question } from "./types.ts";

/** The option a wrong typed answer is stored as (a right one is option 0). */
export const WRONG_TYPED = -1;

export type RoundPhase = "ready" | "open" | "closing" | "revealed" | "finished" | "stopped";

export type Reservation =
  | { readonly outcome: "reserved" }
  | { readonly outcome: "duplicate" }
  | { readonly outcome: "closed" }
  | { readonly outcome: "invalid" };

export interface Reveal {
  readonly position: number;
  readonly question: Question;
  /** How many chose each option (typed: how many were right, and wrong). */
  readonly counts: readonly number[];
  readonly rightUsers: readonly string[];
  readonly wrongUsers: readonly string[];
}

/**
 * The rules of one quiz round, without I/O: questions are opened one at a time, each user may
 * answer each question once, a question closes when its time is up or when everyone who joined
 * the round before it has answered, then it is revealed; the round ends after the last question
 * or when stopped. Time is passed in, so tests and restarts control it.
 *
 * An answer is first reserved (so a double click cannot be stored twice) and counts only once
 * its write is confirmed; a failed write releases it and the user may try again.
 */
export class RoundMachine {
  phase: RoundPhase = "ready";
  position = -1;
  openedAt = 0;
  closesAt = 0;
  private readonly players: Set<string>;
  private playersBeforeQuestion = new Set<string>();
  /** Players who joined before this question and have not answered it yet. */
  private waitingFor = 0;
  private answers = new Map<string, number>();
  private reserved = new Map<string, number>();

  constructor(
    readonly questions: readonly Question[],
    readonly windowMs: number,
    /** Players known to be there from the start: the starter, or the console's one player. */
    players: readonly string[] = [],
    /**
     * The first question stays open at least this long, so that others can join in before it
     * closes for the players known so far.
     */
    private readonly joinWindowMs = 0,
  ) {
    if (questions.length === 0) throw new Error("a round needs at least one question");
    this.players = new Set(players);
  }

  get current(): Question | undefined {
    return this.questions[this.position];
  }

  hasNext(): boolean {
    return this.position + 1 < this.questions.length;
  }

  /** Opens the next question; returns it with its deadline. */
  openNext(now: number): { position: number; question: Question; closesAt: number } {
    if (this.phase !== "ready" && this.phase !== "revealed")
      throw new Error(`cannot open a question while ${this.phase}`);
    if (!this.hasNext()) throw new Error("no question left");
    this.position++;
    this.phase = "open";
    this.openedAt = now;
    this.closesAt = now + this.windowMs;
    this.answers = new Map();
    this.reserved = new Map();
    this.playersBeforeQuestion = new Set(this.players);
    this.waitingFor = this.playersBeforeQuestion.size;
    return { position: this.position, question: this.current as Question, closesAt: this.closesAt };
  }

  /** Holds a user's answer while it is written; it counts only after `confirm`. */
  reserve(userId: string, option: number, now: number): Reservation {
    const question = this.current;
    if (this.phase !== "open" || !question || now > this.closesAt) return { outcome: "closed" };
    const valid =
      question.kind === "typed"
        ? option === 0 || option === WRONG_TYPED
        : Number.isInteger(option) && option >= 0 && option < question.options.length;
    if (!valid) return { outcome: "invalid" };
    if (this.answers.has(userId) || this.reserved.has(userId)) return { outcome: "duplicate" };
    this.reserved.set(userId, option);
    return { outcome: "reserved" };
  }

  /** The reserved answer is stored: it counts. Returns whether everyone has now answered. */
  confirm(userId: string): { everyoneAnswered: boolean } {
    const option = this.reserved.get(userId);
    if (option !== undefined) {
      this.reserved.delete(userId);
      this.answers.set(userId, option);
      this.players.add(userId);
      if (this.playersBeforeQuestion.has(userId)) this.waitingFor--;
    }
    return { everyoneAnswered: this.everyoneAnswered() };
  }

  /** The reserved answer was not stored: forget it, so the user may answer again. */
  release(userId: string): void {
    this.reserved.delete(userId);
  }

  /**
   * True once everyone present has answered this question: the players known from the start and
   * everyone who answered an earlier question. Nobody being known, a question runs to its
   * deadline.
   */
  everyoneAnswered(): boolean {
    return this.playersBeforeQuestion.size > 0 && this.waitingFor === 0;
  }

  isDue(now: number): boolean {
    if (this.phase !== "open") return false;
    if (now >= this.closesAt) return true;
    const joined = this.position > 0 || now >= this.openedAt + this.joinWindowMs;
    return joined && this.everyoneAnswered();
  }

  /** Takes no new answers; those being written may still be confirmed before `close`. */
  stopTaking(): void {
    if (this.phase === "open") this.phase = "closing";
  }

  close(): Reveal {
    if (this.phase !== "open" && this.phase !== "closing")
      throw new Error(`cannot close while ${this.phase}`);
    this.phase = "revealed";
    const question = this.current as Question;
    // A typed question counts its right answers first and its wrong ones second.
    const counts = question.kind === "typed" ? [0, 0] : question.options.map(() => 0);
    const rightUsers: string[] = [];
    const wrongUsers: string[] = [];
    for (const [user, option] of this.answers) {
      const slot = option === WRONG_TYPED ? 1 : option;
      counts[slot] = (counts[slot] ?? 0) + 1;
      (option === question.correctIndex ? rightUsers : wrongUsers).push(user);
    }
    return { position: this.position, question, counts, rightUsers, wrongUsers };
  }

  finish(): void {
    if (this.phase === "open" || this.phase === "closing") this.close();
    this.phase = "finished";
  }

  stop(): void {
    this.phase = "stopped";
  }

  get isOver(): boolean {
    return this.phase === "finished" || this.phase === "stopped";
  }
}

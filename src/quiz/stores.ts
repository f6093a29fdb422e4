import type { DailyStore } from "./daily-stores.ts";
import type { KindChoice, Lang, Question } from "./types.ts";

/**
 * The quiz state as the domain reaches it: async stores by purpose, one implementation per
 * database (src/db/sqlite/, src/db/pg/). No method takes a transaction: each is one domain
 * operation that its implementation stores atomically, so an implementation may batch many calls
 * into one commit (group commit). A promise resolves only once its write is committed: what a user
 * is told is stored, is stored. A write that is not stored rejects with WriteFailedError
 * (src/db/write-failure.ts); any other rejection is a bug.
 */

/** This process, as the owner of the rounds it runs. */
export interface OwnerIdentity {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
}

/** An owner as stored: its identity, when it registered and when it last renewed its lease. */
export interface OwnerRecord extends OwnerIdentity {
  readonly startedAt: number;
  readonly heartbeatAt: number;
}

/** The processes that run rounds, with their leases (see quiz/owners.ts `ownerGone`). */
export interface OwnerStore {
  /** Registers this process as an owner, or renews its heartbeat. */
  heartbeat(self: OwnerIdentity, now: number): Promise<void>;
  /** Takes this process out of the owners (at shutdown: it gives up soon when the store is slow). */
  remove(self: OwnerIdentity): Promise<void>;
  /** Whether any other owner is alive, seen from `self` at `now`. */
  othersAlive(self: OwnerIdentity, now: number): Promise<boolean>;
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
  /** Rounds its starter may start in its channel within an hour; none for the console. */
  hourlyLimit?: number | undefined;
}

export type CreatedRound =
  | { readonly roundId: number; readonly questionIds: number[] }
  | { readonly ok: false; readonly reason: "busy" }
  /** The starter has started the hourly limit of rounds in this channel; next one at `retryAt`. */
  | {
      readonly ok: false;
      readonly reason: "too-often";
      readonly limit: number;
      readonly retryAt: number;
    };

export type EndStatus = "finished" | "stopped" | "interrupted";

/**
 * The fencing token of a round: its id and the process that owns it. A round's row never passes
 * to another owner: one that takes over a channel ends the round as interrupted and writes a new
 * one. So a write of the owner is valid only while its row still says `running` under its id,
 * and every such write checks that atomically with the change it makes: a process that resumes
 * after its lease ran out (a pause, SIGSTOP) finds its round ended and writes, and so posts,
 * nothing more.
 */
export interface RoundFence {
  readonly roundId: number;
  readonly ownerId: string;
}

export interface Pruned {
  readonly rounds: number;
  readonly questions: number;
}

/** Rounds and their questions. */
export interface RoundStore {
  /**
   * Stores a new running round with its questions, or refuses it: "busy" when a live round holds
   * the channel (one running round per channel), "too-often" when its starter has started
   * `hourlyLimit` rounds there within the hour (counted in the same write). A running round whose
   * owner is gone, or one of `self` that no longer runs (`isLive` says so), is ended as
   * interrupted first: no channel stays blocked by a dead round.
   */
  create(
    round: NewRound,
    self: OwnerIdentity,
    isLive: (roundId: number) => boolean,
  ): Promise<CreatedRound>;
  /**
   * Marks a question posted now (`clock` read when the write runs) and closing `windowMs` later,
   * while the fence holds; its posting time, or undefined when the round is no longer the owner's.
   */
  markPosted(
    fence: RoundFence,
    questionId: number,
    windowMs: number,
    clock: () => number,
  ): Promise<number | undefined>;
  /** Closes a question while the fence holds; false when the round is no longer the owner's. */
  markClosed(fence: RoundFence, questionId: number, now: number): Promise<boolean>;
  /**
   * Ends a running round under its owner (every open question closes with it). "lost": it was
   * not running under this owner any more (another process had ended it; its status stays).
   */
  end(fence: RoundFence, status: EndStatus, now: number): Promise<"ended" | "lost">;
  /** Ends as interrupted the running rounds whose owners are gone; how many. Answers stay. */
  interruptOrphaned(self: OwnerIdentity, now: number): Promise<number>;
  /** Removes what ended rounds past the retention no longer need (see quiz/round-pruning.ts). */
  pruneEnded(now: number): Promise<Pruned>;
}

export interface NewAnswer {
  questionId: number;
  guildId: string;
  userId: string;
  userName: string;
  optionIndex: number;
  /** What was typed, for a typed question. */
  typedText?: string | undefined;
  now: number;
}

/**
 * "duplicate": the user has answered this question already (the database refuses it, whatever
 * process sent it). "closed": the question is not open (not posted, closed, or past its deadline).
 */
export type RecordOutcome =
  | { status: "recorded"; correct: boolean; points: number; streak: number }
  | { status: "closed" }
  | { status: "duplicate" };

export interface Standing {
  userId: string;
  userName: string;
  points: number;
  correct: number;
  answered: number;
}

/** A member's totals in a server, with their answers by claim (topics come from the claims). */
export interface MemberTotals {
  points: number;
  answered: number;
  correct: number;
  rounds: number;
  bestStreak: number;
  byClaim: { claimId: string; correct: number; answered: number }[];
}

/**
 * The slots a member's recent points are summed in: a quarter hour, so that the days of any time
 * zone (offsets of half and quarter hours too) are whole slots.
 */
export const POINTS_SLOT_MS = 15 * 60_000;

/** The points a member earned in one slot, which starts at a multiple of POINTS_SLOT_MS. */
export interface PointsSlot {
  start: number;
  points: number;
}

/** Answers, the scores they make and the standings read from them. */
export interface AnswerStore {
  /**
   * Stores one answer with its points, the user's server score and their review card for the
   * question's claim, all or nothing. One call is one answer, so an implementation may commit
   * many together.
   */
  record(answer: NewAnswer): Promise<RecordOutcome>;
  /** Points per user in one round, best first. */
  roundStandings(roundId: number): Promise<Standing[]>;
  /** A server's best players, all time or (from the answers) since a moment. */
  leaderboard(guildId: string, since?: number, limit?: number): Promise<Standing[]>;
  /** A member's totals in a server; undefined when they never answered there. */
  memberTotals(guildId: string, userId: string): Promise<MemberTotals | undefined>;
  /** A member's points in a server from a moment on, per slot, oldest first; empty slots left out. */
  pointsSince(guildId: string, userId: string, since: number): Promise<PointsSlot[]>;
}

/** The FSRS review cards of users (one per user and claim). */
export interface ReviewStore {
  /** Moves a user's schedule for a claim by one answer (a /review answer, not a round's). */
  recordReview(userId: string, claimId: string, correct: boolean, now: number): Promise<void>;
  /** The claims a user has missed whose review is due at `now`, the longest due first. */
  dueClaimIds(userId: string, now: number): Promise<string[]>;
}

export interface NewReport {
  guildId: string;
  channelId: string;
  roundId: number;
  position: number;
  userId: string;
  userName: string;
  reason: string;
  now: number;
}

export interface OpenReport {
  readonly guildId: string;
  readonly claimId: string;
  /** The question as it was asked (the newest report's). */
  readonly prompt: string;
  readonly reporters: number;
  /** Reporters who answered in the round that asked it (these make it rest). */
  readonly players: number;
  readonly reasons: readonly { readonly userName: string; readonly reason: string }[];
  readonly resting: boolean;
}

/** Players' reports of wrong questions. */
export interface ReportStore {
  /**
   * Stores a report on a question that was posted in a round of this server and channel (where
   * the reporter saw it). "unknown": no such question; "already": this member reported it.
   */
  report(report: NewReport): Promise<"reported" | "already" | "unknown">;
  /**
   * The claims that rest in a server: reported by at least `REST_AFTER_REPORTS` distinct members
   * who answered in the round that asked them, not yet reviewed.
   */
  resting(guildId: string): Promise<Set<string>>;
  /** Unreviewed reports by server and claim, oldest first, in one server or in all. */
  open(guildId?: string): Promise<OpenReport[]>;
  /** Closes a claim's open reports in a server as reviewed; how many. */
  review(guildId: string, claimId: string, by: string, now: number): Promise<number>;
}

/**
 * A claim rests in a server once this many of its players have reported it, until reviewed. A
 * report counts towards resting only when its reporter answered in the round that asked it: one
 * member with forged or replayed report ids cannot make a server's questions rest.
 */
export const REST_AFTER_REPORTS = 2;

/** Every store of the quiz state, over one database. */
export interface QuizStores {
  readonly owners: OwnerStore;
  readonly rounds: RoundStore;
  readonly answers: AnswerStore;
  readonly reviews: ReviewStore;
  readonly reports: ReportStore;
  readonly daily: DailyStore;
}

import type { OwnerIdentity } from "./stores.ts";
import type { KindChoice, Lang, Question } from "./types.ts";

/** The starter of a day's round: the schedule, not a member. */
export const DAILY_STARTER = "daily";

/** Why a schedule stopped posting on its own: its channel is gone, or the bot may not post. */
export type PauseReason = "channel-gone" | "no-permission";

/** A server's question of the day. */
export interface DailySchedule {
  readonly guildId: string;
  readonly channelId: string;
  /** Local time "HH:MM" in `timeZone`. */
  readonly time: string;
  readonly timeZone: string;
  readonly kind: KindChoice;
  /** How long each question is open. */
  readonly hours: number;
  readonly lang: Lang;
  readonly pausedReason: PauseReason | null;
  readonly createdBy: string;
  readonly updatedAt: number;
}

/**
 * A day's post goes claimed → posted → revealing → revealed; a claim whose window closed before
 * it could be posted ends as missed. "claimed" and "revealing" belong to the owner that claimed
 * them (claimedBy) until it is gone.
 */
export type DailyStatus = "claimed" | "posted" | "revealing" | "revealed" | "missed";

export interface DailyPost {
  readonly id: number;
  readonly guildId: string;
  readonly day: string;
  readonly channelId: string;
  readonly lang: Lang;
  readonly status: DailyStatus;
  readonly claimedBy: string;
  readonly opensAt: number;
  readonly closesAt: number;
  readonly roundId: number;
  readonly questionId: number;
  readonly question: Question;
  readonly messageId: string | null;
}

export interface NewDailyPost {
  readonly guildId: string;
  readonly day: string;
  readonly channelId: string;
  readonly lang: Lang;
  readonly opensAt: number;
  readonly closesAt: number;
  readonly question: Question;
  readonly now: number;
}

/** One member's answer to a day's question. */
export interface DailyAnswer {
  readonly userId: string;
  readonly userName: string;
  readonly correct: boolean;
}

/** A closed day's question and who answered it right. */
export interface DailyResult {
  readonly day: string;
  readonly right: readonly { readonly userId: string; readonly userName: string }[];
}

/**
 * The question of the day's state. Every change of a post is conditional on its status and
 * claimant in one write, so of any number of processes exactly one wins each step.
 */
export interface DailyStore {
  /** Stores (or replaces) a server's schedule, running (a pause is lifted). */
  setSchedule(schedule: DailySchedule): Promise<void>;
  /** Removes a server's schedule; false when it had none. */
  removeSchedule(guildId: string): Promise<boolean>;
  /** Pauses a server's schedule for a reason (kept until /daily start sets it anew). */
  pause(guildId: string, reason: PauseReason, now: number): Promise<void>;
  schedule(guildId: string): Promise<DailySchedule | undefined>;
  /** Every schedule that is not paused. */
  runningSchedules(): Promise<DailySchedule[]>;
  /**
   * Claims a server's day for `self`: the post with its round (already ended at `closesAt`, so
   * it blocks no channel and no process must keep it) and its question, open from `now` until
   * `closesAt`. "taken": the day was claimed before, by any process (one post per server and day).
   */
  claimDay(
    post: NewDailyPost,
    self: OwnerIdentity,
  ): Promise<
    { readonly status: "claimed"; readonly post: DailyPost } | { readonly status: "taken" }
  >;
  /** The post is in its channel as `messageId`; false when it is not `self`'s claim any more. */
  markPosted(postId: number, self: OwnerIdentity, messageId: string, now: number): Promise<boolean>;
  /** A claim that could not be posted within its window: missed, its question closed. */
  markMissed(postId: number, self: OwnerIdentity, now: number): Promise<boolean>;
  /**
   * Takes for `self` the reveal of a posted question whose window has closed (its question is
   * closed with it); false when another process took it or it is not due.
   */
  claimReveal(postId: number, self: OwnerIdentity, now: number): Promise<boolean>;
  markRevealed(
    postId: number,
    self: OwnerIdentity,
    messageId: string,
    now: number,
  ): Promise<boolean>;
  /** Claimed or revealing posts whose owner is gone (see quiz/owners.ts), now `self`'s. */
  takeOverStalled(self: OwnerIdentity, now: number): Promise<DailyPost[]>;
  /** Posted questions whose window has closed by `now`, oldest first. */
  dueReveals(now: number): Promise<DailyPost[]>;
  post(postId: number): Promise<DailyPost | undefined>;
  /**
   * Whether a server's day is claimed already, by any process: a cheap look before choosing its
   * question, so only the process that will claim it spends the work.
   */
  dayTaken(guildId: string, day: string): Promise<boolean>;
  /** The claims asked in a server's days that opened at or after `since`. */
  askedSince(guildId: string, since: number): Promise<string[]>;
  /** How often the members of a server (who have a score there) have missed each claim. */
  missedByMembers(guildId: string): Promise<Map<string, number>>;
  /** Every answer to a day's question. */
  answersTo(postId: number): Promise<DailyAnswer[]>;
  /** The latest closed (revealing or revealed) days of a server, newest first. */
  results(guildId: string, limit: number): Promise<DailyResult[]>;
}

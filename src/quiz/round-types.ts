import type { StorageOutcome } from "../db/write-failure.ts";
import type { RoundOptions } from "./generate.ts";
import type { Reveal } from "./round.ts";
import type { Standing } from "./stores.ts";
import type { Question } from "./types.ts";

/** What starting, answering, revealing and stopping a round take and give. */

export const ROUND_LIMITS = {
  minQuestions: 1,
  maxQuestions: 20,
  minSeconds: 10,
  maxSeconds: 120,
  /** Rounds one member may start in one channel within an hour (the console is not limited). */
  perMemberAndChannelPerHour: 12,
} as const;

export interface StartRequest extends Omit<RoundOptions, "seed"> {
  readonly guildId: string;
  readonly channelId: string;
  readonly starterId: string;
  readonly seconds: number;
  readonly seed?: number;
  /**
   * The starter plays alone (the console): no join phase, a question closes as soon as they
   * have answered. Otherwise the first question stays open a little for others to join.
   */
  readonly solo?: boolean;
}

export type StartResult =
  | { readonly ok: true; readonly roundId: number; readonly questionCount: number }
  | { readonly ok: false; readonly reason: "busy" | "no-questions" | StorageOutcome }
  /** The starter has started the hourly limit of rounds in this channel; next one at `retryAt`. */
  | {
      readonly ok: false;
      readonly reason: "too-often";
      readonly limit: number;
      readonly retryAt: number;
    };

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
  /**
   * "not-stored": the write failed; nothing counts and the user may try again. "full": the disk is
   * full. "unavailable": the database file is gone, nothing can be stored until Beleg is restarted.
   */
  | {
      readonly status:
        | "duplicate"
        | "closed"
        | "invalid"
        | "no-round"
        | "not-stored"
        | "full"
        | "unavailable";
    };

export interface RevealResult extends Reveal {
  readonly roundId: number;
  readonly total: number;
  /** Who was right, with the points each earned, best first. */
  readonly right: readonly { readonly name: string; readonly points: number }[];
}

export type StopResult =
  | { readonly status: "stopped"; readonly roundId: number; readonly standings: Standing[] }
  | { readonly status: "forbidden" | "no-round" };

import type { Db } from "../db/client.ts";
import { storageOutcome, WriteFailedError } from "../db/write-failure.ts";
import { libraryId } from "../library/ids.ts";
import { loadQuizClaims } from "./claims-store.ts";
import type { DailyResult, DailySchedule, DailyStore } from "./daily-stores.ts";
import { generateQuestions } from "./generate.ts";
import type { Reports } from "./reports.ts";
import { WRONG_TYPED } from "./round.ts";
import type { AnswerResult } from "./round-types.ts";
import type { AnswerStore } from "./stores.ts";
import { typedAnswerMatches } from "./typed-answer.ts";
import type { Question, QuizClaim } from "./types.ts";

const DAY_MS = 24 * 60 * 60_000;
/** A claim asked as a server's question of the day is not asked there again for this long. */
export const DAILY_REPEAT_AFTER_MS = 30 * DAY_MS;
/** How many past days streaks are counted over. */
export const STREAK_HISTORY = 400;

/** A member's running streak: the latest days' questions answered right, one after another. */
export interface Streak {
  readonly userId: string;
  readonly userName: string;
  readonly days: number;
}

/** Running streaks from closed days, newest first; longest first, then by name. */
export function runningStreaks(results: readonly DailyResult[]): Streak[] {
  const latest = results[0];
  if (!latest) return [];
  return latest.right
    .map(({ userId, userName }) => {
      let days = 0;
      while (results[days]?.right.some((r) => r.userId === userId)) days++;
      return { userId, userName, days };
    })
    .sort((a, b) => b.days - a.days || (a.userName < b.userName ? -1 : 1));
}

/** A seed from the server and the day: the same day's choice is the same in every process. */
function daySeed(guildId: string, day: string): number {
  let hash = 2166136261;
  for (const ch of `${guildId}/${day}`) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 16777619);
  return hash | 0;
}

/**
 * The claims a day may ask, in tiers of preference: the most missed by the server's members
 * first, and within as many misses the server's own library before the shared corpus.
 */
function preferenceTiers(
  claims: readonly QuizClaim[],
  guildId: string,
  recent: ReadonlySet<string>,
  misses: ReadonlyMap<string, number>,
): Set<string>[] {
  const own = libraryId(guildId, "");
  const fresh = claims.filter((c) => !recent.has(c.id));
  const tiers = new Map<string, Set<string>>();
  for (const claim of fresh) {
    const key = `${String(misses.get(claim.id) ?? 0).padStart(9, "0")}/${claim.articleId.startsWith(own) ? 1 : 0}`;
    tiers.set(key, (tiers.get(key) ?? new Set()).add(claim.id));
  }
  return [...tiers.entries()].sort(([a], [b]) => (a < b ? 1 : -1)).map(([, ids]) => ids);
}

export interface DailyDeps {
  /** The search index, for the claims a server asks. */
  readonly db: Db;
  readonly store: DailyStore;
  readonly answers: AnswerStore;
  readonly reports: Reports;
  readonly clock: () => number;
}

/**
 * The question of the day's rules, for any process: which question a day asks, answers to it
 * (stored like a round's, so points count in /leaderboard and /stats), and streaks.
 */
export class DailyQuestions {
  constructor(private readonly deps: DailyDeps) {}

  get store(): DailyStore {
    return this.deps.store;
  }

  /**
   * The day's question: one the server has not been asked in the last 30 days, preferring the
   * claims its members missed most and its own library, made by the rounds' generator (its
   * quality rules, resting claims left out). Undefined when the server has no claim left.
   */
  async choose(schedule: DailySchedule, day: string, now: number): Promise<Question | undefined> {
    const { guildId } = schedule;
    const [resting, recent, misses] = await Promise.all([
      this.deps.reports.resting(guildId),
      this.deps.store.askedSince(guildId, now - DAILY_REPEAT_AFTER_MS),
      this.deps.store.missedByMembers(guildId),
    ]);
    const claims = loadQuizClaims(this.deps.db, guildId);
    const options = {
      count: 1,
      seed: daySeed(guildId, day),
      kind: schedule.kind,
      lang: schedule.lang,
      resting,
    };
    for (const only of preferenceTiers(claims, guildId, new Set(recent), misses)) {
      const [question] = generateQuestions(claims, { ...options, only });
      if (question) return question;
    }
    return undefined;
  }

  /**
   * A member's answer to a day's question: a clicked option, or typed text graded as in rounds.
   * The database keeps one answer per member and refuses one after the question closed.
   */
  async answer(
    postId: number,
    input: { guildId: string; userId: string; userName: string; option?: number; text?: string },
  ): Promise<AnswerResult> {
    const post = await this.deps.store.post(postId);
    if (!post || post.guildId !== input.guildId) return { status: "invalid" };
    const { question } = post;
    let option: number;
    if (input.text !== undefined) {
      if (question.kind !== "typed") return { status: "invalid" };
      const right = typedAnswerMatches(input.text, question.accepted ?? question.options, {
        rivals: question.rivals ?? [],
        person: question.person ?? false,
      });
      option = right ? question.correctIndex : WRONG_TYPED;
    } else {
      if (question.kind === "typed" || input.option === undefined) return { status: "invalid" };
      if (input.option < 0 || input.option >= question.options.length) return { status: "invalid" };
      option = input.option;
    }
    try {
      const recorded = await this.deps.answers.record({
        questionId: post.questionId,
        guildId: post.guildId,
        userId: input.userId,
        userName: input.userName,
        optionIndex: option,
        typedText: input.text,
        now: this.deps.clock(),
      });
      if (recorded.status !== "recorded") return { status: recorded.status };
      return { ...recorded, everyoneAnswered: false };
    } catch (error) {
      if (error instanceof WriteFailedError) return { status: storageOutcome(error.reason) };
      throw error;
    }
  }

  /** The server's running streaks, longest first. */
  async streaks(guildId: string): Promise<Streak[]> {
    return runningStreaks(await this.deps.store.results(guildId, STREAK_HISTORY));
  }

  /** A member's running streak in a server (0 without one). */
  async memberStreak(guildId: string, userId: string): Promise<number> {
    return (await this.streaks(guildId)).find((s) => s.userId === userId)?.days ?? 0;
  }
}

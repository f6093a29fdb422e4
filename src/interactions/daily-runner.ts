import type { CorpusReader } from "../corpus/reader.ts";
import type { Logger } from "../logger.ts";
import type { DailyQuestions } from "../quiz/daily.ts";
import { dueOccurrence } from "../quiz/daily-schedule.ts";
import type { DailyPost, DailySchedule } from "../quiz/daily-stores.ts";
import type { OwnerIdentity } from "../quiz/stores.ts";
import { type ChannelPoster, PostRefused } from "./request.ts";
import { dailyQuestionView, dailyRevealView } from "./views/daily.ts";
import { sourceLine } from "./views/source-line.ts";

/**
 * Servers whose questions are posted: Discord's, whose ids are numbers. The console is a server
 * of its own that may keep a schedule, but no channel of it is reachable from a bot process.
 */
const POSTABLE_SERVER = /^\d{1,20}$/;

/** How often the schedules are looked at: a post is at most this late. */
export const DAILY_TICK_MS = 30_000;

export interface DailyRunnerDeps {
  readonly daily: DailyQuestions;
  readonly corpus: CorpusReader;
  readonly poster: ChannelPoster;
  readonly owner: OwnerIdentity;
  readonly clock: () => number;
  readonly logger: Logger;
}

/**
 * Posts and reveals the questions of the day. Every process runs one; the database decides
 * which posts what. Each step is claimed in the database before it is done (the day before its
 * post, the reveal before its post), so two processes never both post; a claim whose process
 * died is taken over and posted with the same Discord nonce, which Discord answers with the
 * message already posted if the dead process got that far. Nothing here throws out of a tick:
 * a failure is logged and tried again at the next one, a refusal that will not mend (channel
 * gone, permission lost) pauses the server's schedule.
 */
export class DailyRunner {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  /** The day of each server this process knows is claimed: not claimed again every tick. */
  private readonly settled = new Map<string, string>();
  /** This process's claims whose post failed for now, tried again each tick. */
  private readonly unposted = new Map<number, DailyPost>();
  /** This process's reveals whose post failed for now, tried again each tick. */
  private readonly unrevealed = new Map<number, DailyPost>();

  constructor(private readonly deps: DailyRunnerDeps) {}

  /** Ticks every DAILY_TICK_MS until stopped (the first at once). */
  start(everyMs = DAILY_TICK_MS): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** One look at every schedule and post; ticks never overlap. */
  tick(): Promise<void> {
    this.ticking ??= this.tickOnce()
      .catch((error: unknown) =>
        this.deps.logger.error({ err: error }, "daily question tick failed"),
      )
      .finally(() => {
        this.ticking = undefined;
      });
    return this.ticking;
  }

  private async tickOnce(): Promise<void> {
    const { store } = this.deps.daily;
    const now = this.deps.clock();
    for (const post of await store.takeOverStalled(this.deps.owner, now)) {
      this.deps.logger.warn({ guildId: post.guildId, day: post.day }, "daily question taken over");
      if (post.status === "claimed") this.unposted.set(post.id, post);
      else await this.reveal(post);
    }
    for (const post of [...this.unposted.values()]) await this.publish(post);
    for (const post of [...this.unrevealed.values()]) await this.reveal(post);
    for (const schedule of await store.runningSchedules()) await this.postDue(schedule);
    for (const post of await store.dueReveals(this.deps.clock())) {
      if (await store.claimReveal(post.id, this.deps.owner, this.deps.clock()))
        await this.reveal(post);
    }
  }

  /**
   * Claims and posts the schedule's day if it is open now and opened after the schedule was set
   * (a schedule started after today's time begins tomorrow).
   */
  private async postDue(schedule: DailySchedule): Promise<void> {
    const now = this.deps.clock();
    const due = dueOccurrence(schedule, now);
    const { guildId } = schedule;
    if (!POSTABLE_SERVER.test(guildId)) return;
    if (!due || due.opensAt < schedule.updatedAt || this.settled.get(guildId) === due.day) return;
    try {
      // Another process claimed the day: choosing its question here would be work thrown away.
      if (await this.deps.daily.store.dayTaken(guildId, due.day)) {
        this.settled.set(guildId, due.day);
        return;
      }
      const question = await this.deps.daily.choose(schedule, due.day, now);
      if (!question) {
        this.settled.set(guildId, due.day);
        this.deps.logger.warn({ guildId }, "no claim left for the daily question");
        return;
      }
      const claim = await this.deps.daily.store.claimDay(
        { ...due, guildId, channelId: schedule.channelId, lang: schedule.lang, question, now },
        this.deps.owner,
      );
      this.settled.set(guildId, due.day);
      if (claim.status === "claimed") await this.publish(claim.post);
    } catch (error) {
      this.deps.logger.warn({ err: error, guildId }, "daily question not claimed");
    }
  }

  /** Posts a claimed day; a window that closed meanwhile makes it missed. */
  private async publish(post: DailyPost): Promise<void> {
    const { store } = this.deps.daily;
    const now = this.deps.clock();
    if (now >= post.closesAt) {
      this.unposted.delete(post.id);
      this.deps.logger.warn({ guildId: post.guildId, day: post.day }, "daily question missed");
      await this.endDay(post, store.markMissed(post.id, this.deps.owner, now), this.unposted);
      return;
    }
    try {
      const message = await this.deps.poster.post(post.channelId, dailyQuestionView(post), {
        nonce: `daily-${post.id}`,
      });
      this.unposted.delete(post.id);
      await store.markPosted(post.id, this.deps.owner, message.id ?? "", this.deps.clock());
    } catch (error) {
      if (error instanceof PostRefused) {
        this.unposted.delete(post.id);
        await this.pause(post, error);
        const missed = store.markMissed(post.id, this.deps.owner, this.deps.clock());
        await this.endDay(post, missed, this.unposted);
        return;
      }
      this.unposted.set(post.id, post);
      this.deps.logger.warn({ err: error, guildId: post.guildId }, "daily question not posted yet");
    }
  }

  /** Posts the reveal of a day this process has claimed the reveal of. */
  private async reveal(post: DailyPost): Promise<void> {
    const { daily, corpus } = this.deps;
    try {
      const [answers, streaks] = await Promise.all([
        daily.store.answersTo(post.id),
        daily.streaks(post.guildId),
      ]);
      const passage = corpus.passage(post.question.citation.passageId);
      const source = passage ? sourceLine(passage) : post.question.citation.passageId;
      const view = dailyRevealView({ post, answers, streaks, source });
      const message = await this.deps.poster.post(post.channelId, view, {
        nonce: `reveal-${post.id}`,
      });
      this.unrevealed.delete(post.id);
      await daily.store.markRevealed(post.id, this.deps.owner, message.id ?? "", this.deps.clock());
    } catch (error) {
      if (error instanceof PostRefused) {
        // Nobody will see this reveal: the day counts as closed, without a message.
        this.unrevealed.delete(post.id);
        await this.pause(post, error);
        const closed = daily.store.markRevealed(post.id, this.deps.owner, "", this.deps.clock());
        await this.endDay(post, closed, this.unrevealed);
        return;
      }
      this.unrevealed.set(post.id, post);
      this.deps.logger.warn({ err: error, guildId: post.guildId }, "daily reveal not posted yet");
    }
  }

  /**
   * Waits for a day's end (missed, or revealed without a message) to be stored; if it cannot be,
   * the post goes back to `retry`, to be ended again at the next tick.
   */
  private async endDay(
    post: DailyPost,
    stored: Promise<boolean>,
    retry: Map<number, DailyPost>,
  ): Promise<void> {
    try {
      await stored;
    } catch (error) {
      retry.set(post.id, post);
      this.deps.logger.warn(
        { err: error, guildId: post.guildId, day: post.day },
        "daily question's end not stored yet",
      );
    }
  }

  private async pause(post: DailyPost, refused: PostRefused): Promise<void> {
    this.deps.logger.warn(
      { guildId: post.guildId, channelId: post.channelId, reason: refused.reason },
      "daily question paused: cannot post in its channel",
    );
    await this.deps.daily.store
      .pause(post.guildId, refused.reason, this.deps.clock())
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, "pause not stored"));
  }
}

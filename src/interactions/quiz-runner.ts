import type { CorpusReader } from "../corpus/reader.ts";
import { WriteFailedError } from "../db/write-failure.ts";
import type { Logger } from "../logger.ts";
import type { StartRequest, StartResult, StopResult } from "../quiz/round-types.ts";
import type { QuizService } from "../quiz/service.ts";
import type { Lang } from "../quiz/types.ts";
import { texts } from "./i18n.ts";
import type { ChannelPoster, PostedMessage } from "./request.ts";
import type { View } from "./view.ts";
import { questionView, revealView, standingsView } from "./views/quiz.ts";
import { sourceLine } from "./views/source-line.ts";

interface Loop {
  readonly lang: Lang;
  /** Tells the player who started the round, privately, why it ended before it began. */
  readonly notifyStarter: (view: View) => Promise<void>;
  cancelled: boolean;
  wake: () => void;
  finished?: Promise<void>;
}

export interface RunnerOptions {
  /** Pause between a reveal and the next question. */
  readonly revealPauseMs: number;
  /** How often an open question checks its deadline. */
  readonly tickMs: number;
  /** Pauses between attempts at a write that failed (opening a question, say). */
  readonly retryPausesMs: readonly number[];
}

/**
 * Runs quiz rounds in channels: posts each question, closes it when its time is up or everyone
 * who joined has answered, posts the reveal and finally the standings. Discord and the console
 * share it; they differ only in the ChannelPoster. A round that cannot go on (a question that
 * cannot be stored or posted) ends visibly as interrupted and frees its channel.
 */
export class QuizRunner {
  private readonly loops = new Map<string, Loop>();

  constructor(
    private readonly deps: {
      readonly quiz: QuizService;
      readonly corpus: CorpusReader;
      readonly poster: ChannelPoster;
      readonly logger: Logger;
      readonly options?: Partial<RunnerOptions>;
    },
  ) {}

  private get options(): RunnerOptions {
    return { revealPauseMs: 4000, tickMs: 500, retryPausesMs: [500, 2000], ...this.deps.options };
  }

  /** Starts a round and runs it in the background. */
  async start(
    request: StartRequest,
    notifyStarter: (view: View) => Promise<void>,
  ): Promise<StartResult> {
    const started = await this.deps.quiz.start(request);
    if (!started.ok) return started;
    const loop: Loop = { lang: request.lang, notifyStarter, cancelled: false, wake: () => {} };
    this.loops.set(request.channelId, loop);
    // The first question follows the starter's "the round begins" reply, not the other way round.
    loop.finished = new Promise((resolve) => setImmediate(resolve))
      .then(() => this.run(request.channelId, loop))
      .catch(async (error: unknown) => {
        this.deps.logger.error({ err: error, channelId: request.channelId }, "quiz round failed");
        await this.abandon(request.channelId, loop);
      })
      .finally(() => {
        if (this.loops.get(request.channelId) === loop) this.loops.delete(request.channelId);
      });
    return started;
  }

  /** Resolves when the channel's round has ended (at once when none runs). */
  whenFinished(channelId: string): Promise<void> {
    return this.loops.get(channelId)?.finished ?? Promise.resolve();
  }

  /** An answer came in: close the question at once if everyone has answered. */
  answered(channelId: string): void {
    if (this.deps.quiz.isDue(channelId)) this.loops.get(channelId)?.wake();
  }

  async stop(
    channelId: string,
    by: { userId: string; canManageMessages: boolean },
  ): Promise<StopResult> {
    const result = await this.deps.quiz.stop(channelId, by);
    const loop = this.loops.get(channelId);
    if (result.status === "stopped" && loop) {
      loop.cancelled = true;
      loop.wake();
      const t = texts(loop.lang);
      await this.post(
        channelId,
        standingsView(result.standings, loop.lang, `${t.stopped} ${t.standings}`),
      );
    }
    return result;
  }

  /**
   * Graceful shutdown: every running round is closed as interrupted, and says so (a round
   * another process has ended meanwhile says nothing).
   */
  async shutdown(): Promise<number> {
    const running = [...this.loops];
    this.loops.clear();
    for (const [, loop] of running) {
      loop.cancelled = true;
      loop.wake();
    }
    const ended = await Promise.all(
      running.map(async ([channelId, loop]) => {
        if (!(await this.deps.quiz.interrupt(channelId))) return false;
        await this.post(channelId, { content: texts(loop.lang).interrupted });
        return true;
      }),
    );
    return ended.filter(Boolean).length + (await this.deps.quiz.interruptAll());
  }

  /** Ends a round that cannot go on, says so in its channel, and frees the channel. */
  private async abandon(channelId: string, loop: Loop): Promise<void> {
    loop.cancelled = true;
    if (await this.deps.quiz.interrupt(channelId))
      await this.post(channelId, { content: texts(loop.lang).interrupted });
  }

  /** A write that failed is tried again after short pauses before the round gives up. */
  private async retrying<T>(work: () => Promise<T>): Promise<T> {
    for (const pause of this.options.retryPausesMs) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof WriteFailedError)) throw error;
        this.deps.logger.warn({ err: error }, "quiz write failed; trying again");
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
    return work();
  }

  private async run(channelId: string, loop: Loop): Promise<void> {
    const { quiz } = this.deps;
    const t = texts(loop.lang);
    for (;;) {
      if (loop.cancelled) return;
      const opened = await this.retrying(() => quiz.openNext(channelId));
      if (!opened) break;
      const message = await this.post(channelId, questionView(opened, loop.lang));
      if (!message) {
        // Nobody can answer a question nobody sees.
        if (opened.position === 0)
          await loop.notifyStarter({ content: t.cannotPost, ephemeral: true });
        await this.abandon(channelId, loop);
        return;
      }
      await this.waitUntilDue(channelId, loop);
      if (loop.cancelled) {
        await this.edit(message, questionView(opened, loop.lang, true));
        return;
      }
      const reveal = await quiz.closeCurrent(channelId);
      await this.edit(message, questionView(opened, loop.lang, true));
      // Another process ended the round while this one was away (see QuizService.lose).
      if (!quiz.current(channelId)) return;
      if (reveal) {
        const passage = this.deps.corpus.passage(reveal.question.citation.passageId);
        const source = passage ? sourceLine(passage) : reveal.question.citation.passageId;
        await this.post(channelId, revealView(reveal, loop.lang, source));
      }
      if (opened.position + 1 >= opened.total) break;
      await this.sleep(this.options.revealPauseMs, loop);
    }
    if (loop.cancelled) return;
    const standings = await quiz.finish(channelId);
    if (standings) await this.post(channelId, standingsView(standings, loop.lang, t.standings));
  }

  private async waitUntilDue(channelId: string, loop: Loop): Promise<void> {
    while (!loop.cancelled && !this.deps.quiz.isDue(channelId)) {
      await this.sleep(this.options.tickMs, loop);
    }
  }

  private sleep(ms: number, loop: Loop): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      loop.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Posting may fail (Discord 5xx, missing access): log it; the caller decides what follows. */
  private async post(channelId: string, view: View): Promise<PostedMessage | undefined> {
    try {
      return await this.deps.poster.post(channelId, view);
    } catch (error) {
      this.deps.logger.warn({ err: error, channelId }, "could not post quiz message");
      return undefined;
    }
  }

  private async edit(message: PostedMessage | undefined, view: View): Promise<void> {
    try {
      await message?.edit(view);
    } catch (error) {
      this.deps.logger.warn({ err: error }, "could not edit quiz message");
    }
  }
}

import { WriteFailedError } from "../write-failure.ts";
import { writeErrorOf } from "./errors.ts";

/** One item's outcome of a flush: its own result or its own error (a unique violation). */
export type ItemOutcome<R> =
  | { readonly ok: true; readonly value: R }
  | { readonly ok: false; readonly error: unknown };

/**
 * Stores the items in one transaction and tells each item's outcome, in the items' order. It is
 * given the earliest deadline (epoch ms) of its items and must settle by then. Throwing means
 * nothing of the flush is stored.
 */
export type Flush<I, R> = (
  items: readonly I[],
  deadline: number,
) => Promise<readonly ItemOutcome<R>[]>;

export interface BatcherOptions {
  /** How long the first item of a batch waits for others. */
  readonly gatherMs: number;
  /** Most items in one flush. */
  readonly maxItems: number;
  /** Most flushes at once: the pool connections this batcher may use. */
  readonly maxInFlight: number;
  /** How long an item may take from submit until it is stored, unless submit says otherwise. */
  readonly deadlineMs: number;
  /** Clock (epoch ms); tests pass a fake one. */
  readonly now?: () => number;
}

interface Pending<I, R> {
  readonly item: I;
  readonly deadline: number;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted one at a time wait a few milliseconds (or until `maxItems` are
 * there), then one `flush` stores them together and each submitter learns its own item's
 * outcome. While `maxInFlight` flushes run, new items gather for the next. An item that could
 * not be flushed before its deadline fails as "timeout" (nothing stored); a flush that fails as a
 * whole fails each of its items with the classified error. A promise resolves only after its
 * flush committed.
 */
export class GroupCommitBatcher<I, R> {
  private readonly waiting: Pending<I, R>[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private idle: (() => void)[] = [];

  constructor(
    private readonly flush: Flush<I, R>,
    private readonly options: BatcherOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Queues `item`; settles with its outcome once its flush has committed or failed. */
  submit(item: I, deadlineMs = this.options.deadlineMs): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, deadline: this.now() + deadlineMs, resolve, reject });
      if (this.waiting.length >= this.options.maxItems) this.startFlushes();
      else this.timer ??= setTimeout(() => this.startFlushes(), this.options.gatherMs);
    });
  }

  /** Resolves once nothing waits and no flush runs. */
  drained(): Promise<void> {
    if (this.waiting.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private startFlushes(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dropExpired();
    while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight) {
      void this.runFlush(this.waiting.splice(0, this.options.maxItems));
    }
    if (this.waiting.length > 0) {
      // Every flush slot is busy: wake at the earliest deadline of those left waiting.
      const earliest = this.waiting.reduce((min, p) => Math.min(min, p.deadline), Infinity);
      this.timer = setTimeout(() => this.startFlushes(), Math.max(0, earliest - this.now()));
    }
    if (this.waiting.length === 0 && this.inFlight === 0) {
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private dropExpired(): void {
    const now = this.now();
    const live = this.waiting.filter((p) => p.deadline > now);
    if (live.length === this.waiting.length) return;
    const expired = this.waiting.filter((p) => p.deadline <= now);
    this.waiting.splice(0, this.waiting.length, ...live);
    for (const p of expired) p.reject(new WriteFailedError("timeout"));
  }

  private async runFlush(batch: Pending<I, R>[]): Promise<void> {
    this.inFlight++;
    try {
      const deadline = Math.min(...batch.map((p) => p.deadline));
      const outcomes = await this.flush(
        batch.map((p) => p.item),
        deadline,
      );
      if (outcomes.length !== batch.length) {
        throw new Error(`flush told ${outcomes.length} outcomes for ${batch.length} items`);
      }
      batch.forEach((p, i) => {
        const outcome = outcomes[i] as ItemOutcome<R>;
        if (outcome.ok) p.resolve(outcome.value);
        else p.reject(outcome.error);
      });
    } catch (error) {
      const failure = writeErrorOf(error);
      for (const p of batch) p.reject(failure);
    } finally {
      this.inFlight--;
      // Items that gathered meanwhile have waited long enough.
      this.startFlushes();
    }
  }
}

import type { Transaction } from "better-sqlite3";
import { type Db, isBusy } from "./client.ts";
import { WriteFailedError } from "./write-failure.ts";

export interface WriteQueueOptions {
  /** How long the writes of a burst are gathered before one transaction commits them all. */
  readonly batchMs?: number;
  /** Most writes in one transaction; 1 turns group commit off. */
  readonly maxBatch?: number;
  /** How long a write waits for another process's lock before it fails. */
  readonly maxWaitMs?: number;
  /** Throws when the database file is no longer the one opened; checked before each commit. */
  readonly checkFile?: () => void;
  /** Told of every write the storage refused (full, gone, failed), for the log. */
  readonly onStorageFailure?: (error: WriteFailedError) => void;
}

interface Job {
  readonly work: (tx: Db) => unknown;
  readonly deadline: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  outcome?: { ok: true; value: unknown } | { ok: false; error: unknown };
}

const MAX_BACKOFF_MS = 50;

/**
 * What a SQLite error says of the storage: full, or a file that is moved, deleted, damaged or
 * unwritable (none of which mends itself while the process runs); undefined for a write's own
 * failure (a constraint, a bug).
 */
function storageFailureOf(error: unknown): "full" | "gone" | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  if (code === "SQLITE_FULL") return "full";
  return /^SQLITE_(IOERR|READONLY|CORRUPT|CANTOPEN|NOTADB)/.test(code) ? "gone" : undefined;
}

/**
 * The one way this process writes. Writes queue up, and those of a few milliseconds commit
 * together in one IMMEDIATE transaction (group commit), each in a savepoint of its own so one
 * failing write does not undo the others. A caller's promise settles only after the commit: what
 * it is told is stored, is stored. When another process holds the write lock the queue waits with
 * timers, never blocking the event loop, and a write that waited too long fails as "timeout".
 */
export class WriteQueue {
  private readonly queue: Job[] = [];
  private timer: NodeJS.Timeout | undefined;
  private busyStreak = 0;
  private readonly batch: Transaction<(jobs: Job[]) => void>;
  private readonly batchMs: number;
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private idle: (() => void)[] = [];

  constructor(
    writer: Db,
    private readonly options: WriteQueueOptions = {},
  ) {
    this.batchMs = options.batchMs ?? 1;
    this.maxBatch = options.maxBatch ?? 1000;
    this.maxWaitMs = options.maxWaitMs ?? 10_000;
    const sqlite = writer.$client;
    // Nested inside `batch`, better-sqlite3 runs each job in a SAVEPOINT.
    const one = sqlite.transaction((work: Job["work"]) => work(writer));
    this.batch = sqlite.transaction((jobs: Job[]) => {
      for (const job of jobs) {
        try {
          job.outcome = { ok: true, value: one(job.work) };
        } catch (error) {
          // SQLite rolls a whole transaction back on its own after some errors (a full disk,
          // I/O): then nothing of the batch is stored and nothing more may run outside it.
          if (!sqlite.inTransaction) throw error;
          job.outcome = { ok: false, error };
        }
      }
    });
  }

  /** Runs `work` in a write transaction; settles after the commit. */
  run<T>(work: (tx: Db) => T, options: { maxWaitMs?: number } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        work,
        deadline: Date.now() + (options.maxWaitMs ?? this.maxWaitMs),
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.schedule(this.batchMs);
    });
  }

  /** Resolves once every queued write has settled. */
  drained(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(delayMs: number): void {
    if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), delayMs);
  }

  private settle(jobs: readonly Job[], error: unknown): void {
    if (error instanceof WriteFailedError && error.reason !== "timeout" && jobs.length > 0)
      this.options.onStorageFailure?.(error);
    for (const job of jobs) job.reject(error);
  }

  /** A write's own failure as it is, or the storage's as a WriteFailedError. */
  private jobError(error: unknown): unknown {
    const failure = storageFailureOf(error);
    if (failure === undefined) return error;
    const failed = new WriteFailedError(failure, { cause: error });
    this.options.onStorageFailure?.(failed);
    return failed;
  }

  private flush(): void {
    this.timer = undefined;
    const now = Date.now();
    const expired = this.queue.filter((j) => j.deadline < now);
    if (expired.length > 0) {
      this.queue.splice(0, this.queue.length, ...this.queue.filter((j) => j.deadline >= now));
      this.settle(expired, new WriteFailedError("timeout"));
    }
    if (this.queue.length > 0) this.commitBatch();
    if (this.queue.length > 0) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private commitBatch(): void {
    try {
      this.options.checkFile?.();
    } catch (error) {
      this.settle(this.queue.splice(0), new WriteFailedError("gone", { cause: error }));
      return;
    }
    const jobs = this.queue.splice(0, this.maxBatch);
    try {
      this.batch.immediate(jobs);
    } catch (error) {
      if (isBusy(error)) {
        this.queue.unshift(...jobs);
        this.busyStreak++;
        const ceiling = Math.min(MAX_BACKOFF_MS, 2 ** this.busyStreak);
        this.schedule(1 + Math.random() * ceiling);
        return;
      }
      // The commit itself failed (disk full, I/O error): nothing of this batch is stored.
      this.settle(
        jobs,
        new WriteFailedError(storageFailureOf(error) ?? "failed", { cause: error }),
      );
      this.schedule(0);
      return;
    }
    this.busyStreak = 0;
    for (const job of jobs) {
      if (job.outcome?.ok) job.resolve(job.outcome.value);
      else job.reject(this.jobError(job.outcome?.error));
    }
    if (this.queue.length > 0) this.schedule(0);
  }
}

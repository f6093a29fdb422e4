import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { JobResult, KnownArticle, LibraryJob, SharedLookup } from "./analysis.ts";

/** What one library job may take, and how many run at once for all servers together. */
export interface JobBudget {
  /** Workers at once: fewer than the cores, so one server's work never takes them all. */
  readonly workers: number;
  /** How long one job's analysis may run before its worker is stopped. */
  readonly timeMs: number;
  /** The heap one job's worker may grow to, in MiB. */
  readonly memoryMb: number;
}

export const DEFAULT_JOB_BUDGET: JobBudget = {
  workers: Math.max(1, availableParallelism() - 1),
  timeMs: 20_000,
  memoryMb: 256,
};

/** A job not run: the server has one running, or this one went over its budget. */
export type JobRefusal =
  | { readonly kind: "busy" }
  | { readonly kind: "over-budget"; readonly resource: "time"; readonly limit: number }
  | { readonly kind: "over-budget"; readonly resource: "memory"; readonly limit: number };

/** Messages to a library worker. */
export type WorkerRequest =
  | { readonly kind: "job"; readonly job: LibraryJob }
  | { readonly kind: "shared"; readonly found: ReadonlyMap<string, KnownArticle> };

/** Messages from a library worker. */
export type WorkerReply =
  | { readonly kind: "ready" }
  | { readonly kind: "shared"; readonly names: readonly string[] }
  | { readonly kind: "done"; readonly result: JobResult }
  | { readonly kind: "failed"; readonly message: string };

const BOOT = new URL("../corpus/worker-boot.mjs", import.meta.url);
const ENTRY = new URL("./library-worker.ts", import.meta.url).href;

/**
 * Runs the analysis of library uploads and imports in worker threads, one fresh worker a job,
 * with a time and a heap budget each. A server runs one job at a time (a second one is refused
 * as busy while the first runs); jobs of different servers share a small pool and wait their
 * turn in arrival order.
 */
export class LibraryJobs {
  private readonly held = new Set<string>();
  private readonly waiting: (() => void)[] = [];
  private readonly live = new Set<Worker>();
  private active = 0;

  constructor(readonly budget: JobBudget = DEFAULT_JOB_BUDGET) {}

  /** Runs `work` as the server's one job; refused as busy while another of its jobs runs. */
  async exclusive<T>(guildId: string, work: () => Promise<T>): Promise<T | JobRefusal> {
    if (this.held.has(guildId)) return { kind: "busy" };
    this.held.add(guildId);
    try {
      return await work();
    } finally {
      this.held.delete(guildId);
    }
  }

  /** Analyses a job in a worker, once one of the pool's places is free. */
  async analyse<J extends LibraryJob>(
    job: J,
    shared: SharedLookup,
  ): Promise<JobResult<J> | JobRefusal> {
    // A finishing job hands its place to the next waiting one directly, so none can slip in.
    if (this.active < this.budget.workers) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return (await this.inWorker(job, shared)) as JobResult<J> | JobRefusal;
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Stops every running job's worker (the process is closing). */
  async close(): Promise<void> {
    await Promise.all([...this.live].map((w) => w.terminate()));
  }

  private inWorker(job: LibraryJob, shared: SharedLookup): Promise<JobResult | JobRefusal> {
    const { timeMs, memoryMb } = this.budget;
    const worker = new Worker(BOOT, {
      workerData: { entry: ENTRY },
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 16 },
    });
    this.live.add(worker);
    let timer: NodeJS.Timeout | undefined;
    const settled = new Promise<JobResult | JobRefusal>((resolve, reject) => {
      worker.on("message", (reply: WorkerReply) => {
        if (reply.kind === "ready") {
          // The budget counts the job's own work, not the thread's start.
          timer = setTimeout(() => {
            resolve({ kind: "over-budget", resource: "time", limit: timeMs });
          }, timeMs);
          worker.postMessage({ kind: "job", job } satisfies WorkerRequest);
        } else if (reply.kind === "shared")
          shared(reply.names).then(
            (found) => worker.postMessage({ kind: "shared", found } satisfies WorkerRequest),
            reject,
          );
        else if (reply.kind === "done") resolve(reply.result);
        else reject(new Error(`library job failed: ${reply.message}`));
      });
      worker.on("error", (error: Error & { code?: string }) => {
        if (error.code === "ERR_WORKER_OUT_OF_MEMORY")
          resolve({ kind: "over-budget", resource: "memory", limit: memoryMb });
        else reject(error);
      });
      worker.on("exit", () => reject(new Error("library worker stopped")));
    });
    return settled.finally(() => {
      clearTimeout(timer);
      this.live.delete(worker);
      void worker.terminate();
    });
  }
}

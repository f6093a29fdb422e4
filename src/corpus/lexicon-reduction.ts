import { Worker } from "node:worker_threads";
import {
  type LexiconFiles,
  prepareLexicons,
  type ReducedLexicons,
  reducePrepared,
} from "./lexicons.ts";

export interface LexiconReduction {
  /** The lexicons reduced to these corpus stems. */
  reduce(corpus: ReadonlySet<string>): Promise<ReducedLexicons>;
  /** Stops the work if its result is not wanted. */
  stop(): void;
}

/**
 * Starts reading and stemming the lexicons (a few seconds, whatever the corpus) in a worker
 * thread, so it overlaps with the analysis of the corpus. Should the thread fail, the same work
 * is done in this one.
 */
export function startLexiconReduction(files: LexiconFiles): LexiconReduction {
  const worker = new Worker(new URL("./worker-boot.mjs", import.meta.url), {
    workerData: { entry: new URL("./lexicon-worker.ts", import.meta.url).href, files },
  });
  let failure: unknown;
  const failed = new Promise<never>((_, reject) => {
    worker.once("error", (error) => {
      failure = error;
      reject(error);
    });
  });
  failed.catch(() => undefined);
  const inThisThread = (corpus: ReadonlySet<string>) =>
    reducePrepared(prepareLexicons(files), corpus);
  return {
    async reduce(corpus) {
      if (failure) return inThisThread(corpus);
      const reduced = new Promise<ReducedLexicons>((resolve) => worker.once("message", resolve));
      worker.postMessage([...corpus]);
      try {
        return await Promise.race([reduced, failed]);
      } catch {
        return inThisThread(corpus);
      } finally {
        void worker.terminate();
      }
    },
    stop() {
      void worker.terminate();
    },
  };
}

import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

/**
 * Loaded into the bot process by the soak test (`node --expose-gc --import`): on SIGUSR2 it runs
 * a full garbage collection and prints the live heap, V8's memory outside the heap (buffers) and
 * the resident memory split as the kernel counts it: anonymous (malloc, V8, SQLite's page cache)
 * and file-backed (code, mapped files). The live heap is a steadier sign of a leak than resident
 * memory, which follows the collector's and the allocator's timing. It also reports the longest
 * event-loop stall since the last probe, so slow answers can be told from a stalled bot.
 */
process.on("SIGUSR2", () => {
  globalThis.gc?.();
  const { heapUsed, heapTotal, external, rss } = process.memoryUsage();
  const status = readFileSync("/proc/self/status", "utf8");
  const kB = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) * 1024;
  const probe = {
    heapUsed,
    heapTotal,
    external,
    rss,
    rssAnon: kB("RssAnon"),
    rssFile: kB("RssFile"),
    loopDelayMaxMs: loopDelay.max / 1e6,
  };
  loopDelay.reset();
  process.stderr.write(`heap-probe ${JSON.stringify(probe)}\n`);
});

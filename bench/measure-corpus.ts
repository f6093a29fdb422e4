import { join } from "node:path";
import pino from "pino";
import { openApp } from "../src/app.ts";
import { DEBIAN_LEXICONS } from "../src/config.ts";
import type { SyntheticCorpus } from "./corpus-files.ts";
import { buildQueries } from "./queries.ts";
import { MiB } from "./stats.ts";
import { jsonWorker, ROOT } from "./workers.ts";

/** `beleg-unchecked` is /cite without its verdicts: what the verdict costs is the difference. */
export const ENGINES = ["beleg", "beleg-unchecked", "fts", "minisearch"] as const;
export type Engine = (typeof ENGINES)[number];

export interface SearchFigures {
  readonly engine: Engine;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly rssDeltaMiB: number;
  readonly heapDeltaMiB: number;
  /** Resident memory of the engine's process, idle (warmed up) and after every run. */
  readonly rssIdleMiB: number;
  readonly rssAfterMiB: number;
}

export interface CorpusFigures {
  readonly name: SyntheticCorpus["name"];
  readonly passages: number;
  readonly articles: number;
  readonly claims: number;
  readonly tokens: number;
  readonly types: number;
  readonly queries: number;
  readonly runs: number;
  readonly search: SearchFigures[];
  readonly indexing: { readonly passagesPerSecond: number; readonly ms: number };
  readonly start: { readonly unchangedMs: number; readonly firstQueryMs: number };
}

interface WorkerFigures {
  p50: number;
  p95: number;
  p99: number;
  rssDelta: number;
  heapDelta: number;
  rssIdle: number;
  rss: number;
}

const round = (n: number, digits: number) => +n.toFixed(digits);

/**
 * One corpus: indexing from an empty database, the start with it unchanged and the first query
 * after that start, then each search engine in a process of its own.
 */
export async function measureCorpus(
  corpus: SyntheticCorpus,
  work: string,
  runs: number,
  log: (line: string) => void,
): Promise<CorpusFigures> {
  const queries = buildQueries(corpus, join(ROOT, "test"), 250);
  const dbPath = join(work, `${corpus.name}.sqlite`);
  const config = { databasePath: dbPath, corpusDir: corpus.dir, lexicons: DEBIAN_LEXICONS };
  const logger = pino({ level: "silent" });
  log(`${corpus.name}: indexing ${corpus.passages} passages from an empty database …`);
  const t0 = performance.now();
  const indexed = await openApp(config, { logger });
  const indexMs = performance.now() - t0;
  if (!indexed.refresh?.ok)
    throw new Error(`${corpus.name} corpus invalid: ${indexed.refresh?.problems[0]?.message}`);
  await indexed.close();

  const starts: { open: number; query: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const s0 = performance.now();
    const again = await openApp(config, { logger });
    const open = performance.now() - s0;
    if (!again.refresh?.ok || again.refresh.report.passagesWritten !== 0)
      throw new Error("unchanged corpus was re-indexed");
    const q0 = performance.now();
    again.search.search("Satelliten Kosten", { limit: 3 });
    starts.push({ open, query: performance.now() - q0 });
    await again.close();
  }
  const start = starts.reduce((best, s) => (s.open < best.open ? s : best));

  const texts = JSON.stringify(queries.map((q) => q.text));
  const search: SearchFigures[] = [];
  for (const engine of ENGINES) {
    log(`${corpus.name}: ${runs} queries with ${engine} …`);
    const w = await jsonWorker<WorkerFigures>(
      "bench/search-worker.ts",
      [engine, dbPath, String(runs)],
      texts,
    );
    search.push({
      engine,
      p50: round(w.p50, 3),
      p95: round(w.p95, 3),
      p99: round(w.p99, 3),
      rssDeltaMiB: round(w.rssDelta / MiB, 1),
      heapDeltaMiB: round(w.heapDelta / MiB, 1),
      rssIdleMiB: round(w.rssIdle / MiB, 1),
      rssAfterMiB: round(w.rss / MiB, 1),
    });
  }
  return {
    name: corpus.name,
    passages: corpus.passages,
    articles: corpus.articles,
    claims: corpus.claims,
    tokens: corpus.tokens,
    types: corpus.types,
    queries: queries.length,
    runs,
    search,
    indexing: {
      passagesPerSecond: Math.round(corpus.passages / (indexMs / 1000)),
      ms: Math.round(indexMs),
    },
    start: { unchangedMs: Math.round(start.open), firstQueryMs: round(start.query, 1) },
  };
}

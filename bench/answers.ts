import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import pino from "pino";
import { openApp } from "../src/app.ts";
import { DEBIAN_LEXICONS, loadConfig } from "../src/config.ts";
import { jsonWorker, jsonWorkersTogether, ROOT } from "./workers.ts";

/** The shard-like answer process; the multi-process test runs the same script. */
const ANSWER_WORKER = "test/support/answer-worker.ts";
const BURST_WORKER = "bench/burst-worker.ts";

const MiB = 1024 ** 2;

export interface AnswerFigures {
  readonly oneProcessPerSecond: number;
  /**
   * Four processes whose players are the same: their answers wait for each other's user locks.
   * Counted from the moment all four are ready until the last is done, as the one process is
   * counted from its ready app.
   */
  readonly fourProcessesPerSecond: number;
  /** Four processes, each with its own players, as shards serving their own guilds. */
  readonly fourProcessesOwnPlayersPerSecond: number;
  /** The same two runs counted from spawning the processes: four start-ups on the machine's cores. */
  readonly fourProcessesIncludingStartPerSecond: number;
  readonly fourProcessesOwnPlayersIncludingStartPerSecond: number;
  readonly sent: number;
  /** Answers the workers were told are stored. */
  readonly recorded: number;
  readonly stored: number;
  readonly lost: number;
  readonly scoreMismatches: number;
  readonly burstP50Ms: number;
  readonly burstP95Ms: number;
  /** Clicks of the burst answered "not stored" (each may be tried again; none counted). */
  readonly burstNotStored: number;
  /** The same burst with every answer in a transaction of its own (group commit off). */
  readonly burstWithoutGroupCommitP50Ms: number;
  readonly burstWithoutGroupCommitP95Ms: number;
  readonly burstWithoutGroupCommitNotStored: number;
  /** Resident memory of the one-process answer worker at its end, and the most of the four. */
  readonly workerRssMiB: number;
  readonly fourWorkersMaxRssMiB: number;
}

/** The answers on PostgreSQL, and the server they were measured on. */
export interface PostgresAnswerFigures extends AnswerFigures {
  readonly server: "given" | "throwaway";
  /** The server's fsync setting: figures with fsync off must say so. */
  readonly fsync: string;
}

/** Where the answers were stored: SQLite's file, or a PostgreSQL database. */
export type AnswerBackend =
  | { readonly store: "sqlite" }
  | { readonly store: "postgres"; readonly url: string };

interface WorkerResult {
  sent: number;
  recorded: number;
  ms: number;
  /** Epoch milliseconds of the first and last answer of the worker's loop. */
  startedAt: number;
  endedAt: number;
  rssBytes: number;
}

interface BurstResult {
  p50: number;
  p95: number;
  notStored: number;
}

/** The answers of the four-process runs: channels bench-1 … bench-4 and own-1 … own-4. */
const STORED =
  "SELECT count(*) AS n FROM answers WHERE round_id IN (SELECT id FROM rounds WHERE channel_id LIKE 'bench-_' OR channel_id LIKE 'own-_')";
const MISMATCHED = `SELECT count(*) AS n FROM scores s WHERE s.guild_id = 'load' AND s.points <>
  (SELECT coalesce(sum(points), 0) FROM answers a WHERE a.guild_id = s.guild_id AND a.user_id = s.user_id)`;

/** Runs the two counting queries on the back end's own database. */
async function counts(backend: AnswerBackend, dbPath: string): Promise<[number, number]> {
  if (backend.store === "sqlite") {
    const db = new Database(dbPath, { readonly: true });
    try {
      const of = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      return [of(STORED), of(MISMATCHED)];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: backend.url });
  await client.connect();
  try {
    const of = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]?.n);
    return [await of(STORED), await of(MISMATCHED)];
  } finally {
    await client.end();
  }
}

/**
 * Answers through QuizService.answer, the code the buttons use, on a database of the real
 * corpus: one process, then four processes on the same database whose players are the same,
 * then four whose players are each their own (every answer stored once, every score the sum of
 * its answers), then a burst of simultaneous clicks with and without
 * group commit. On PostgreSQL the worker processes get DATABASE_URL, as the bot would, and share
 * one local search index file.
 */
export async function measureAnswers(
  work: string,
  users: number,
  clicks: number,
  backend: AnswerBackend = { store: "sqlite" },
): Promise<AnswerFigures> {
  const dbPath = join(work, `answers-${backend.store}.sqlite`);
  // An empty DATABASE_URL keeps a worker on SQLite even when the bench was given one.
  const env = { DATABASE_URL: backend.store === "postgres" ? backend.url : "" };
  const { postgres } = loadConfig({ ...process.env, ...env }, false);
  const indexed = await openApp(
    {
      databasePath: dbPath,
      corpusDir: join(ROOT, "corpus"),
      lexicons: DEBIAN_LEXICONS,
      ...(postgres ? { postgres: { ...postgres, searchIndexPath: dbPath } } : {}),
    },
    { logger: pino({ level: "silent" }) },
  );
  await indexed.close();
  const workerArgs = (channel: string, players: "shared" | "own") => [
    dbPath,
    channel,
    String(users),
    "1",
    "20",
    "mc",
    players,
  ];
  const fourWorkers = async (prefix: string, players: "shared" | "own") => {
    const t0 = performance.now();
    const results = await jsonWorkersTogether<WorkerResult>(
      ANSWER_WORKER,
      [1, 2, 3, 4].map((i) => workerArgs(`${prefix}-${i}`, players)),
      env,
    );
    const answering =
      Math.max(...results.map((w) => w.endedAt)) - Math.min(...results.map((w) => w.startedAt));
    return { results, ms: answering, withStartMs: performance.now() - t0 };
  };
  const single = await jsonWorker<WorkerResult>(
    ANSWER_WORKER,
    workerArgs("bench-solo", "shared"),
    undefined,
    env,
  );
  const shared = await fourWorkers("bench", "shared");
  const own = await fourWorkers("own", "own");
  const four = [...shared.results, ...own.results];
  const [stored, mismatched] = await counts(backend, dbPath);
  const burst = (maxBatch: number) =>
    jsonWorker<BurstResult>(BURST_WORKER, [dbPath, String(clicks), String(maxBatch)], "", env);
  const grouped = await burst(0);
  const oneByOne = await burst(1);
  const sent = four.reduce((n, w) => n + w.sent, 0);
  const recorded = four.reduce((n, w) => n + w.recorded, 0);
  const perSecond = (run: { results: WorkerResult[] }, ms: number) =>
    Math.round(run.results.reduce((n, w) => n + w.recorded, 0) / (ms / 1000));
  return {
    oneProcessPerSecond: Math.round(single.recorded / (single.ms / 1000)),
    fourProcessesPerSecond: perSecond(shared, shared.ms),
    fourProcessesOwnPlayersPerSecond: perSecond(own, own.ms),
    fourProcessesIncludingStartPerSecond: perSecond(shared, shared.withStartMs),
    fourProcessesOwnPlayersIncludingStartPerSecond: perSecond(own, own.withStartMs),
    sent,
    recorded,
    stored,
    lost: sent - stored,
    scoreMismatches: mismatched,
    burstP50Ms: +grouped.p50.toFixed(1),
    burstP95Ms: +grouped.p95.toFixed(1),
    burstNotStored: grouped.notStored,
    burstWithoutGroupCommitP50Ms: +oneByOne.p50.toFixed(1),
    burstWithoutGroupCommitP95Ms: +oneByOne.p95.toFixed(1),
    burstWithoutGroupCommitNotStored: oneByOne.notStored,
    workerRssMiB: Math.round(single.rssBytes / MiB),
    fourWorkersMaxRssMiB: Math.round(Math.max(...four.map((w) => w.rssBytes)) / MiB),
  };
}

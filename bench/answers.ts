import { join } from "node:path";
import pino from "pino";
import { openApp } from "../src/app.ts";
import { DEBIAN_LEXICONS } from "../src/config.ts";
import { jsonWorker, ROOT } from "./workers.ts";

/** The shard-like answer process; the multi-process test runs the same script. */
const ANSWER_WORKER = "test/support/answer-worker.ts";
const BURST_WORKER = "bench/burst-worker.ts";

export interface AnswerFigures {
  readonly oneProcessPerSecond: number;
  readonly fourProcessesPerSecond: number;
  readonly sent: number;
  readonly stored: number;
  readonly lost: number;
  readonly scoreMismatches: number;
  readonly burstP50Ms: number;
  readonly burstP95Ms: number;
  /** The same burst with every answer in a transaction of its own (group commit off). */
  readonly burstWithoutGroupCommitP50Ms: number;
  readonly burstWithoutGroupCommitP95Ms: number;
}

interface WorkerResult {
  sent: number;
  recorded: number;
  ms: number;
}

/**
 * Answers through QuizService.answer, the code the buttons use, on a database of the real
 * corpus: one process, then four processes on the same file (every answer stored once, every
 * score the sum of its answers), then a burst of simultaneous clicks with and without group
 * commit.
 */
export async function measureAnswers(
  work: string,
  users: number,
  clicks: number,
): Promise<AnswerFigures> {
  const dbPath = join(work, "answers.sqlite");
  const indexed = await openApp(
    { databasePath: dbPath, corpusDir: join(ROOT, "corpus"), lexicons: DEBIAN_LEXICONS },
    { logger: pino({ level: "silent" }) },
  );
  await indexed.close();
  const args = (channel: string) => [dbPath, channel, String(users), "1", "20", "mc"];
  const single = await jsonWorker<WorkerResult>(ANSWER_WORKER, args("bench-solo"));
  const t0 = performance.now();
  const four = await Promise.all(
    [1, 2, 3, 4].map((i) => jsonWorker<WorkerResult>(ANSWER_WORKER, args(`bench-${i}`))),
  );
  const fourMs = performance.now() - t0;
  const check = await openApp(
    { databasePath: dbPath, corpusDir: "", lexicons: DEBIAN_LEXICONS },
    { logger: pino({ level: "silent" }), refresh: false, recover: false },
  );
  const stored = check.db.$client
    .prepare(
      "SELECT count(*) AS n FROM answers WHERE round_id IN (SELECT id FROM rounds WHERE channel_id LIKE 'bench-_')",
    )
    .get() as { n: number };
  const mismatched = check.db.$client
    .prepare(
      `SELECT count(*) AS n FROM scores s WHERE s.guild_id = 'load' AND s.points <>
         (SELECT coalesce(sum(points), 0) FROM answers a WHERE a.guild_id = s.guild_id AND a.user_id = s.user_id)`,
    )
    .get() as { n: number };
  await check.close();
  const burst = await jsonWorker<{ p50: number; p95: number }>(BURST_WORKER, [
    dbPath,
    String(clicks),
    "0",
  ]);
  const oneByOne = await jsonWorker<{ p50: number; p95: number }>(BURST_WORKER, [
    dbPath,
    String(clicks),
    "1",
  ]);
  const sent = four.reduce((n, w) => n + w.sent, 0);
  const recorded = four.reduce((n, w) => n + w.recorded, 0);
  return {
    oneProcessPerSecond: Math.round(single.recorded / (single.ms / 1000)),
    fourProcessesPerSecond: Math.round(recorded / (fourMs / 1000)),
    sent,
    stored: stored.n,
    lost: sent - stored.n,
    scoreMismatches: mismatched.n,
    burstP50Ms: +burst.p50.toFixed(1),
    burstP95Ms: +burst.p95.toFixed(1),
    burstWithoutGroupCommitP50Ms: +oneByOne.p50.toFixed(1),
    burstWithoutGroupCommitP95Ms: +oneByOne.p95.toFixed(1),
  };
}

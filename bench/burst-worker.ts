import pino from "pino";
import { openApp } from "../src/app.ts";
import { DEBIAN_LEXICONS, loadConfig } from "../src/config.ts";
import { percentile } from "./stats.ts";

/**
 * A burst of simultaneous clicks on one question: `clicks` users answer at the same moment
 * through QuizService.answer (what the answer button awaits before it acknowledges the click).
 * Prints the time from click to acknowledgement, p50 and p95, and how many clicks were answered
 * "not stored". `maxBatch` 1 commits every answer in a transaction of its own, as before group
 * commit (the SQLite write queue's maxBatch, the PostgreSQL answer batcher's maxItems). With
 * DATABASE_URL in the environment the shared state is on PostgreSQL; `dbPath` then holds only
 * the search index.
 */
const [dbPath, clicksArg, maxBatchArg] = process.argv.slice(2) as [string, string, string];
const clicks = Number(clicksArg);
const maxBatch = Number(maxBatchArg);
const { postgres } = loadConfig(process.env, false);
const app = await openApp(
  {
    databasePath: dbPath,
    corpusDir: "corpus",
    lexicons: DEBIAN_LEXICONS,
    ...(postgres ? { postgres: { ...postgres, searchIndexPath: dbPath } } : {}),
  },
  {
    logger: pino({ level: "silent" }),
    refresh: false,
    recover: false,
    ...(maxBatch > 0 ? { writeQueue: { maxBatch }, answerBatching: { maxItems: maxBatch } } : {}),
  },
);
const channelId = `burst-${maxBatch}`;
const started = await app.quiz.start({
  guildId: "burst",
  channelId,
  starterId: "starter",
  count: 1,
  seed: 1,
  kind: "mc",
  lang: "de",
  seconds: 600,
});
if (!started.ok) throw new Error(`round did not start: ${started.reason}`);
await app.quiz.openNext(channelId);
let notStored = 0;
const t0 = performance.now();
const latencies = await Promise.all(
  Array.from({ length: clicks }, async (_, u) => {
    const result = await app.quiz.answer(channelId, {
      userId: `burst-user-${u}`,
      userName: `User ${u}`,
      option: u % 4,
    });
    if (result.status === "not-stored") notStored++;
    else if (result.status !== "recorded") throw new Error(`answer not recorded: ${result.status}`);
    return performance.now() - t0;
  }),
);
await app.quiz.finish(channelId);
await app.close();
process.stdout.write(
  JSON.stringify({
    clicks,
    notStored,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  }),
);

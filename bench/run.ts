import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pino from "pino";
import { openApp } from "../src/app.ts";
import { DEBIAN_LEXICONS } from "../src/config.ts";
import { buildQueries } from "./queries.ts";
import { MiB } from "./stats.ts";
import { generateCorpus } from "./synthetic.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The shard-like answer process; the multi-process test runs the same script. */
const ANSWER_WORKER = "test/support/answer-worker.ts";

interface SearchFigures {
  mode: string;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  rssDelta: number;
  heapDelta: number;
  rss: number;
}

/** Runs a script (path from the repository root) in its own process; resolves to its stdout. */
function worker(script: string, args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", "--import", "tsx", join(ROOT, script), ...args],
      {
        cwd: ROOT,
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}`)),
    );
    child.stdin.end(stdin ?? "");
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      passages: { type: "string", default: "100000" },
      queries: { type: "string", default: "250" },
      json: { type: "boolean", default: false },
      users: { type: "string", default: "500" },
    },
  });
  const passages = Number(values.passages);
  const queryCount = Math.max(200, Number(values.queries));
  const users = Number(values.users);
  const log = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };
  const work = mkdtempSync(join(tmpdir(), "beleg-bench-"));
  try {
    log(`generating ${passages} passages …`);
    const corpus = generateCorpus(join(ROOT, "corpus"), join(work, "corpus"), passages);
    const queries = buildQueries(corpus, join(ROOT, "test"), queryCount);
    const dbPath = join(work, "bench.sqlite");

    log("indexing from an empty database …");
    const logger = pino({ level: "silent" });
    const appConfig = { databasePath: dbPath, corpusDir: corpus.dir, lexicons: DEBIAN_LEXICONS };
    const open = () => openApp(appConfig, { logger });
    const t0 = performance.now();
    const indexed = await open();
    const indexMs = performance.now() - t0;
    const outcome = indexed.refresh;
    if (!outcome?.ok) throw new Error(`synthetic corpus invalid: ${outcome?.problems[0]?.message}`);
    await indexed.close();

    const startSamples: number[] = [];
    let firstQueryMs = 0;
    for (let i = 0; i < 3; i++) {
      const s0 = performance.now();
      const again = await open();
      startSamples.push(performance.now() - s0);
      if (!again.refresh?.ok || again.refresh.report.passagesWritten !== 0)
        throw new Error("unchanged corpus was re-indexed");
      const q0 = performance.now();
      again.search.search("Satelliten Kosten", { limit: 3 });
      firstQueryMs = performance.now() - q0;
      await again.close();
    }
    const startMs = Math.min(...startSamples);

    const texts = JSON.stringify(queries.map((q) => q.text));
    const engines: SearchFigures[] = [];
    for (const mode of ["beleg", "fts", "minisearch"]) {
      log(`searching with ${mode} …`);
      engines.push(
        JSON.parse(
          await worker("bench/search-worker.ts", [mode, dbPath, "2"], texts),
        ) as SearchFigures,
      );
    }

    log("recording answers, one process …");
    const single = JSON.parse(
      await worker(ANSWER_WORKER, [dbPath, "bench-solo", String(users), "1", "20", "mc"]),
    ) as {
      recorded: number;
      ms: number;
    };
    log("recording answers, four processes on one file …");
    const w0 = performance.now();
    const four = (await Promise.all(
      [1, 2, 3, 4].map(async (i) =>
        JSON.parse(
          await worker(ANSWER_WORKER, [dbPath, `bench-${i}`, String(users), "1", "20", "mc"]),
        ),
      ),
    )) as { sent: number; recorded: number }[];
    const fourMs = performance.now() - w0;
    const checker = await openApp(appConfig, { logger, refresh: false, recover: false });
    const check = checker.db;
    const stored = check.$client
      .prepare(
        "SELECT count(*) AS n FROM answers WHERE round_id IN (SELECT id FROM rounds WHERE channel_id LIKE 'bench-_')",
      )
      .get() as { n: number };
    const mismatched = check.$client
      .prepare(
        `SELECT count(*) AS n FROM scores s WHERE s.guild_id = 'load' AND s.points <>
           (SELECT coalesce(sum(points), 0) FROM answers a WHERE a.guild_id = s.guild_id AND a.user_id = s.user_id)`,
      )
      .get() as { n: number };
    await checker.close();
    const fourRecorded = four.reduce((n, w) => n + w.recorded, 0);
    const fourSent = four.reduce((n, w) => n + w.sent, 0);

    const [beleg, fts, mini] = engines as [SearchFigures, SearchFigures, SearchFigures];
    const result = {
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? "?",
        memoryGiB: Math.round(totalmem() / 1024 ** 3),
        node: process.version,
      },
      corpus: {
        passages: corpus.passages,
        articles: corpus.articles,
        claims: corpus.claims,
        queries: queries.length,
      },
      search: engines.map((e) => ({
        engine: e.mode,
        p50: +e.p50.toFixed(3),
        p95: +e.p95.toFixed(3),
        p99: +e.p99.toFixed(3),
        rssDeltaMiB: +(e.rssDelta / MiB).toFixed(1),
        heapDeltaMiB: +(e.heapDelta / MiB).toFixed(1),
        rssMiB: +(e.rss / MiB).toFixed(1),
      })),
      indexing: {
        passagesPerSecond: Math.round(corpus.passages / (indexMs / 1000)),
        ms: Math.round(indexMs),
      },
      start: { unchangedMs: Math.round(startMs), firstQueryMs: +firstQueryMs.toFixed(1) },
      answers: {
        oneProcessPerSecond: Math.round(single.recorded / (single.ms / 1000)),
        fourProcessesPerSecond: Math.round(fourRecorded / (fourMs / 1000)),
        fourProcessesSent: fourSent,
        fourProcessesStored: stored.n,
        lost: fourSent - stored.n,
        scoreMismatches: mismatched.n,
      },
      targets: {
        citeP95Under20ms: beleg.p95 <= 20,
        citeP95Within3xFts: beleg.p95 <= 3 * fts.p95,
        fasterThanMiniSearchAtP95: beleg.p95 < mini.p95,
        lessMemoryThanMiniSearch: beleg.rssDelta < mini.rssDelta,
        indexing20kPerSecond: corpus.passages / (indexMs / 1000) >= 20_000,
        unchangedStartUnder1s: startMs < 1000,
        answers10kPerSecond: single.recorded / (single.ms / 1000) >= 10_000,
        noAnswerLostWithFour:
          stored.n === fourSent && fourRecorded === fourSent && mismatched.n === 0,
      },
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const f = (n: number) => n.toFixed(2).padStart(7);
    const lines = [
      `Beleg benchmark: ${result.corpus.passages.toLocaleString("en")} passages (${result.corpus.articles} articles, ${result.corpus.claims} claims), ${result.corpus.queries} queries × 2, warm`,
      `machine: ${result.machine.cpus} × ${result.machine.cpu}, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}`,
      "",
      "| search | p50 ms | p95 ms | p99 ms | RSS +MiB | heap +MiB |",
      "|---|---:|---:|---:|---:|---:|",
      ...result.search.map(
        (s) =>
          `| ${{ beleg: "Beleg /cite", fts: "raw FTS5, stemmed column", minisearch: "MiniSearch, same tokenizer+stemmer" }[s.engine]} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${s.rssDeltaMiB} | ${s.heapDeltaMiB} |`,
      ),
      "",
      `indexing from empty: ${result.indexing.passagesPerSecond.toLocaleString("en")} passages/s (${result.indexing.ms} ms)`,
      `start with unchanged corpus: ${result.start.unchangedMs} ms (first query then ${result.start.firstQueryMs} ms)`,
      `answers recorded: ${result.answers.oneProcessPerSecond.toLocaleString("en")}/s in one process; ${result.answers.fourProcessesPerSecond.toLocaleString("en")}/s with four processes on one file (${result.answers.fourProcessesStored}/${result.answers.fourProcessesSent} stored, ${result.answers.lost} lost, ${result.answers.scoreMismatches} score mismatches)`,
      "",
      "targets:",
      ...Object.entries(result.targets).map(([k, v]) => `  ${v ? "met   " : "MISSED"} ${k}`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

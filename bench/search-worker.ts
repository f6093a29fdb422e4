import MiniSearch from "minisearch";
import pino from "pino";
import { openApp } from "../src/app.ts";
import { DEBIAN_LEXICONS } from "../src/config.ts";
import { analyze, isStopWord, stemWord } from "../src/search/analyzer.ts";
import { tokenize } from "../src/search/tokenize.ts";
import { memory, percentile } from "./stats.ts";

/**
 * One search engine in a process of its own, so its memory is its own: `beleg` (the /cite search
 * as the bot runs it), `beleg-unchecked` (the same without verdicts), `fts` (a raw FTS5 MATCH on the stemmed column) or `minisearch` (same
 * tokenizer and stemmer). Reads queries as JSON on stdin, runs each once to warm up, then `runs`
 * queries in turn; prints latencies and memory (idle after the warm-up, and after the runs).
 */
async function main(): Promise<void> {
  const [mode, dbPath, runsArg] = process.argv.slice(2);
  const runs = Number(runsArg ?? 500);
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const queries = JSON.parse(input) as string[];
  const app = await openApp(
    { databasePath: dbPath as string, corpusDir: "", lexicons: DEBIAN_LEXICONS },
    { logger: pino({ level: "silent" }), refresh: false, recover: false },
  );
  const { db } = app;
  const before = memory();
  let run: (q: string) => number;
  if (mode === "beleg" || mode === "beleg-unchecked") {
    // Steady state: the vocabulary a running bot has in memory a moment after its start.
    await app.search.ready();
    const skipVerdicts = mode === "beleg-unchecked";
    run = (q) => app.search.search(q, { limit: 3, skipVerdicts }).length;
  } else if (mode === "fts") {
    const stmt = db.$client.prepare(
      "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY bm25(passages_fts) LIMIT 3",
    );
    run = (q) => {
      const stems = [...new Set(analyze(q).map((t) => t.stem))];
      if (stems.length === 0) return 0;
      return stmt.all(`{stems} : (${stems.map((s) => `"${s}"`).join(" OR ")})`).length;
    };
  } else {
    const mini = new MiniSearch<{ id: number; text: string }>({
      fields: ["text"],
      tokenize: (text) => tokenize(text).map((t) => t.norm),
      processTerm: (term) => (isStopWord(term) ? null : stemWord(term)),
    });
    const rows = db.$client
      .prepare("SELECT docid AS id, text FROM passages WHERE stems <> ''")
      .iterate() as Iterable<{
      id: number;
      text: string;
    }>;
    for (const row of rows) mini.add(row);
    run = (q) => mini.search(q).slice(0, 3).length;
  }
  for (const q of queries) run(q);
  const idle = memory();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const q = queries[i % queries.length] as string;
    const t0 = performance.now();
    run(q);
    samples.push(performance.now() - t0);
  }
  const after = memory();
  process.stdout.write(
    JSON.stringify({
      mode,
      samples: samples.length,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      p99: percentile(samples, 99),
      rssDelta: after.rss - before.rss,
      heapDelta: after.heap - before.heap,
      rssIdle: idle.rss,
      rss: after.rss,
    }),
  );
  await app.close();
}

void main();

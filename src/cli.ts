import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { loadConfig } from "./config.ts";
import { progressReporter } from "./console/progress.ts";
import { QuizArgs, quizCommand } from "./console/quiz-command.ts";
import { ANSI_STYLE, MARKDOWN_STYLE, renderCitations } from "./console/render.ts";
import { startConsole } from "./console/start.ts";
import { refreshIndex } from "./corpus/index-corpus.ts";
import { loadCorpus } from "./corpus/load.ts";
import { formatProblem } from "./corpus/problems.ts";
import { type Db, openDatabase } from "./db/client.ts";
import { createLogger } from "./logger.ts";
import { QuizService } from "./quiz/service.ts";
import {
  createCorpusSearch,
  MAX_RESULTS,
  type SearchIndex,
  type SearchResult,
} from "./search/searcher.ts";

const USAGE = `Usage: npm run cli -- <command> [options]

  check  [--corpus DIR]                 validate articles; problems as file:line: message, exit 1
  ingest [--corpus DIR]                 bring the search index up to date
  cite "<query>" [--limit N] [--article ID] [--json]
  cite --jsonl [--limit N]              one query a line on stdin, one JSON object a line out
  quiz [--count N] [--seed S] [--article ID] [--topic TAG] [--kind mc|tf|mixed] [--lang de|en]
       [--seconds N] [--json]           play a round in the terminal, or print its questions
  console                               the local console (as npm start without a token)`;

/** Refreshes the index before a query; a broken corpus is reported and the old index serves. */
function openIndexed(corpusDir: string, databasePath: string): { db: Db; search: SearchIndex } {
  const db = openDatabase(databasePath);
  const progress = progressReporter();
  const outcome = refreshIndex(db, corpusDir, progress.onProgress);
  progress.stop();
  if (!outcome.ok) {
    for (const p of outcome.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write("The corpus has problems; searching the index as it was.\n");
  }
  return { db, search: createCorpusSearch(db) };
}

function toJson(query: string, results: readonly SearchResult[]) {
  return {
    query,
    results: results.map((r) => ({
      article: r.articleId,
      title: r.title,
      paragraph: r.paragraph,
      passage: r.passageId,
      start: r.start,
      end: r.end,
      text: r.text,
      score: Number(r.score.toFixed(6)),
      highlights: r.highlights.map((h) => [h.start, h.end]),
    })),
  };
}

async function readLines(onLine: (line: string) => void): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) onLine(line);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      corpus: { type: "string" },
      limit: { type: "string" },
      article: { type: "string" },
      json: { type: "boolean", default: false },
      count: { type: "string" },
      seed: { type: "string" },
      topic: { type: "string" },
      kind: { type: "string" },
      lang: { type: "string" },
      seconds: { type: "string" },
      jsonl: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig();
  const corpusDir = values.corpus ?? config.corpusDir;

  switch (command) {
    case "check": {
      const corpus = loadCorpus(corpusDir);
      for (const p of corpus.problems) process.stdout.write(`${formatProblem(p)}\n`);
      if (corpus.problems.length > 0) return 1;
      process.stdout.write(
        `${corpus.articles.length} articles, ${corpus.claims.length} claims, no problems.\n`,
      );
      return 0;
    }
    case "ingest": {
      const db = openDatabase(config.databasePath);
      const progress = progressReporter();
      const started = performance.now();
      const outcome = refreshIndex(db, corpusDir, progress.onProgress);
      progress.stop();
      db.$client.close();
      if (!outcome.ok) {
        for (const p of outcome.problems) process.stdout.write(`${formatProblem(p)}\n`);
        process.stdout.write("Nothing indexed; the previous index is unchanged.\n");
        return 1;
      }
      const r = outcome.report;
      const ms = (performance.now() - started).toFixed(0);
      process.stdout.write(
        `${r.added} added, ${r.updated} updated, ${r.removed} removed, ${r.unchanged} unchanged; ` +
          `${r.passagesWritten} passages written in ${ms} ms.\n`,
      );
      return 0;
    }
    case "cite": {
      const limit = values.limit === undefined ? 3 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RESULTS) {
        process.stderr.write(`--limit must be a whole number from 1 to ${MAX_RESULTS}\n`);
        return 2;
      }
      const query = rest.join(" ");
      if (!values.jsonl && query.trim() === "") {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      const { db, search: index } = openIndexed(corpusDir, config.databasePath);
      const search = (q: string) =>
        index.search(q, { limit, ...(values.article ? { article: values.article } : {}) });
      if (values.jsonl) {
        await readLines((line) => {
          if (line.trim() === "") return;
          process.stdout.write(`${JSON.stringify(toJson(line, search(line)))}\n`);
        });
      } else if (values.json) {
        process.stdout.write(`${JSON.stringify(toJson(query, search(query)), null, 2)}\n`);
      } else {
        const style = process.stdout.isTTY ? ANSI_STYLE : MARKDOWN_STYLE;
        process.stdout.write(renderCitations(search(query), style));
      }
      db.$client.close();
      return 0;
    }
    case "quiz": {
      const options = QuizArgs.safeParse(values);
      if (!options.success) {
        process.stderr.write(
          `${options.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n")}\n`,
        );
        return 2;
      }
      const { db } = openIndexed(corpusDir, config.databasePath);
      try {
        return await quizCommand(db, options.data);
      } finally {
        db.$client.close();
      }
    }
    case "console": {
      const { db, search } = openIndexed(corpusDir, config.databasePath);
      const logger = createLogger(config.logLevel);
      const quiz = new QuizService(db);
      quiz.recoverInterrupted();
      await startConsole({
        config,
        db,
        search,
        quiz,
        logger,
        io: { input: process.stdin, output: process.stdout },
      });
      db.$client.close();
      return 0;
    }
    default:
      process.stderr.write(`Unknown command "${command}".\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

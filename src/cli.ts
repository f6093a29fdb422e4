import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { type App, openApp } from "./app.ts";
import { type Config, loadConfig } from "./config.ts";
import { progressReporter } from "./console/progress.ts";
import { printQuestions, QuizArgs } from "./console/quiz-json.ts";
import { renderCitations } from "./console/render.ts";
import { reportsText } from "./console/reports.ts";
import { playQuiz, runConsole } from "./console/start.ts";
import { comparisonText, copyOutcomeText } from "./console/store-copy.ts";
import { styleFor } from "./console/text.ts";
import { loadCorpus } from "./corpus/load.ts";
import { formatProblem } from "./corpus/problems.ts";
import { checkStore, copyStore } from "./db/store-copy/copy.ts";
import { StoreCopyRefused } from "./db/store-copy/source.ts";
import { createLogger, type Logger } from "./logger.ts";
import { MAX_RESULTS } from "./search/searcher.ts";
import { answerVerdict, type SearchResult } from "./search/types.ts";

const USAGE = `Usage: npm run cli -- <command> [options]

  check  [--corpus DIR]                 validate articles; problems as file:line: message, exit 1
  ingest [--corpus DIR] [--rebuild]     bring the search index up to date (--rebuild: anew)
  backup <file>                         copy the database while it is in use (SQLite online backup)
  store copy --to postgres://… [--from FILE]
                                        copy the SQLite database (default DATABASE_PATH) into
                                        PostgreSQL; rows and checksums per table, exit 1 if any differ
  store check --to postgres://… [--from FILE]
                                        the same comparison, without copying
  cite "<query>" [--limit N] [--article ID] [--json]
  cite --jsonl [--limit N]              one query a line on stdin, one JSON object a line out
  quiz [--count N] [--seed S] [--article ID] [--topic TAG] [--kind mc|tf|typed|mixed]
       [--lang de|en] [--seconds N] [--json]
                                        play a round in the terminal, or print its questions
  claims reports                        the questions players reported, in every server
  console                               the local console (as npm start without a token)`;

/** Opens the app with the index brought up to date; a broken corpus is reported, the old index serves. */
async function openIndexed(config: Config, logger: Logger): Promise<App> {
  const progress = progressReporter();
  const app = await openApp(config, { logger, onProgress: progress.onProgress });
  progress.stop();
  if (app.refresh && !app.refresh.ok) {
    for (const p of app.refresh.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write("The corpus has problems; searching the index as it was.\n");
  }
  return app;
}

function toJson(query: string, results: readonly SearchResult[]) {
  return {
    query,
    verdict: answerVerdict(results),
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
      verdict: r.verdict,
      missing: r.missing,
      differences: r.differences.map((d) => ({ query: d.query, text: d.text })),
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
      rebuild: { type: "boolean", default: false },
      from: { type: "string" },
      to: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { secrets: [config.discordToken] });
  const corpusDir = values.corpus ?? config.corpusDir;
  // Backups and report lists read the database as it is: no index refresh, no round recovery.
  const openAsItIs = () =>
    openApp({ ...config, corpusDir }, { logger, refresh: false, recover: false });

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
      const progress = progressReporter();
      const started = performance.now();
      const app = await openApp(
        { ...config, corpusDir },
        { logger, onProgress: progress.onProgress, rebuild: values.rebuild },
      );
      progress.stop();
      await app.close();
      if (!app.refresh?.ok) {
        for (const p of app.refresh?.problems ?? []) process.stdout.write(`${formatProblem(p)}\n`);
        process.stdout.write("Nothing indexed; the previous index is unchanged.\n");
        return 1;
      }
      const r = app.refresh.report;
      const ms = (performance.now() - started).toFixed(0);
      process.stdout.write(
        `${r.added} added, ${r.updated} updated, ${r.removed} removed, ${r.unchanged} unchanged; ` +
          `${r.passagesWritten} passages written in ${ms} ms.\n`,
      );
      return 0;
    }
    case "backup": {
      const [file] = rest;
      if (!file) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      if (config.postgres) {
        process.stderr.write(
          "With DATABASE_URL the answers, scores and libraries are on PostgreSQL: back them up with pg_dump. The SQLite file holds only the search index, rebuilt at start.\n",
        );
        return 2;
      }
      const app = await openAsItIs();
      try {
        const { totalPages } = await app.db.$client.backup(file);
        process.stdout.write(
          `Backed up ${config.databasePath} to ${file} (${totalPages} pages).\n`,
        );
        return 0;
      } finally {
        await app.close();
      }
    }
    case "store": {
      const [action] = rest;
      if ((action !== "copy" && action !== "check") || !values.to) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      const from = values.from ?? config.databasePath;
      try {
        if (action === "check") {
          const comparison = await checkStore(from, values.to);
          process.stdout.write(comparisonText(comparison));
          return comparison.matches ? 0 : 1;
        }
        const outcome = await copyStore(from, values.to);
        process.stdout.write(copyOutcomeText(outcome));
        return outcome.kind === "copied" && outcome.comparison.matches ? 0 : 1;
      } catch (error) {
        if (!(error instanceof StoreCopyRefused)) throw error;
        process.stderr.write(`${error.message}\n`);
        return 2;
      }
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
      const app = await openIndexed({ ...config, corpusDir }, logger);
      const search = (q: string) =>
        app.search.search(q, { limit, ...(values.article ? { article: values.article } : {}) });
      if (values.jsonl) {
        await readLines((line) => {
          if (line.trim() === "") return;
          process.stdout.write(`${JSON.stringify(toJson(line, search(line)))}\n`);
        });
      } else if (values.json) {
        process.stdout.write(`${JSON.stringify(toJson(query, search(query)), null, 2)}\n`);
      } else {
        process.stdout.write(renderCitations(query, search(query), styleFor(process.stdout)));
      }
      await app.close();
      return 0;
    }
    case "quiz": {
      const parsed = QuizArgs.safeParse(values);
      if (!parsed.success) {
        process.stderr.write(
          `${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n")}\n`,
        );
        return 2;
      }
      const args = parsed.data;
      const app = await openIndexed({ ...config, corpusDir }, logger);
      try {
        if (args.json) {
          printQuestions(app, args);
          return 0;
        }
        return await playQuiz(
          app,
          { input: process.stdin, output: process.stdout },
          args.lang,
          {
            count: args.count,
            seconds: args.seconds,
            kind: args.kind,
            article: args.article,
            topic: args.topic,
            seed: args.seed,
          },
          config.picturesDir,
        );
      } finally {
        await app.close();
      }
    }
    case "claims": {
      if (rest[0] !== "reports") {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      const app = await openAsItIs();
      try {
        process.stdout.write(reportsText(await app.reports.open()));
        return 0;
      } finally {
        await app.close();
      }
    }
    case "console": {
      const app = await openIndexed({ ...config, corpusDir }, logger);
      await runConsole(app, { input: process.stdin, output: process.stdout }, config.picturesDir);
      await app.close();
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

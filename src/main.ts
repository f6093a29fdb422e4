import { loadConfig } from "./config.ts";
import { runConsole } from "./console/console.ts";
import { progressReporter } from "./console/progress.ts";
import { refreshIndex } from "./corpus/index-corpus.ts";
import { formatProblem } from "./corpus/problems.ts";
import { openDatabase } from "./db/client.ts";
import { createLogger } from "./logger.ts";
import { QuizService } from "./quiz/service.ts";
import { createCorpusSearch } from "./search/searcher.ts";

/** Wiring: config → database (migrated) → corpus index → bot or console. */
async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.databasePath);
  const started = performance.now();
  const progress = progressReporter();
  const outcome = refreshIndex(db, config.corpusDir, progress.onProgress);
  progress.stop();
  if (outcome.ok) {
    logger.info(
      { ...outcome.report, ms: Math.round(performance.now() - started) },
      "corpus index up to date",
    );
  } else {
    logger.error(
      { problems: outcome.problems.map(formatProblem) },
      "corpus has problems; the previous index keeps serving",
    );
  }
  const interrupted = new QuizService(db).recoverInterrupted();
  if (interrupted > 0)
    logger.warn({ rounds: interrupted }, "closed rounds left running by a crash");
  const index = createCorpusSearch(db);
  try {
    if (config.discordToken) {
      logger.error("the Discord bot is not part of this build yet; opening the local console");
    } else {
      process.stdout.write("No DISCORD_TOKEN set: starting the local console.\n");
    }
    await runConsole({ index, input: process.stdin, output: process.stdout });
    return 0;
  } finally {
    db.$client.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

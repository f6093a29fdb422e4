import { loadConfig } from "./config.ts";
import { progressReporter } from "./console/progress.ts";
import { startConsole } from "./console/start.ts";
import { refreshIndex } from "./corpus/index-corpus.ts";
import { formatProblem } from "./corpus/problems.ts";
import { openDatabase } from "./db/client.ts";
import { runBot } from "./discord/bot.ts";
import { createLogger } from "./logger.ts";
import { QuizService } from "./quiz/service.ts";
import { createCorpusSearch } from "./search/searcher.ts";

/** Wiring: config → database (migrated) → corpus index → bot or console. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  process.on("unhandledRejection", (reason) =>
    logger.error({ err: reason }, "unhandled rejection"),
  );

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
  const quiz = new QuizService(db);
  const interrupted = quiz.recoverInterrupted();
  if (interrupted > 0)
    logger.warn({ rounds: interrupted }, "closed rounds left running by a crash");
  const search = createCorpusSearch(db);

  if (!config.discordToken) {
    process.stdout.write("No DISCORD_TOKEN set: starting the local console.\n");
    await startConsole({
      config,
      db,
      search,
      quiz,
      logger,
      io: { input: process.stdin, output: process.stdout },
    });
    db.$client.close();
    return;
  }

  const bot = await runBot({ config, db, search, quiz, logger });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    try {
      await bot.stop();
    } finally {
      db.$client.close();
      process.exit(0);
    }
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

import { logRefresh, openApp } from "./app.ts";
import { loadConfig, shardIdsOf } from "./config.ts";
import { progressReporter } from "./console/progress.ts";
import { runConsole } from "./console/start.ts";
import { runBot } from "./discord/bot.ts";
import { createLogger } from "./logger.ts";

/** `npm start`: the bot when a token is set, else the local console. */
async function main(): Promise<void> {
  const config = loadConfig();
  const shards = shardIdsOf(config.sharding);
  const logger = createLogger(config.logLevel, { secrets: [config.discordToken] }).child(
    shards === undefined ? {} : { shards },
  );
  process.on("unhandledRejection", (reason) =>
    logger.error({ err: reason }, "unhandled rejection"),
  );
  const started = performance.now();
  const progress = progressReporter();
  const app = await openApp(config, {
    logger,
    onProgress: progress.onProgress,
    ...(config.libraryJobWorkers ? { libraryJobs: { workers: config.libraryJobWorkers } } : {}),
  });
  progress.stop();
  logRefresh(logger, app.refresh, Math.round(performance.now() - started));

  if (!config.discordToken) {
    process.stdout.write("No DISCORD_TOKEN set: starting the local console.\n");
    await runConsole(app, { input: process.stdin, output: process.stdout }, config.picturesDir);
    await app.close();
    return;
  }

  const bot = await runBot(app, config);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    try {
      await bot.stop();
    } finally {
      await app.close();
      process.exit(0);
    }
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  // A shard of `npm run start:sharded` does not outlive its manager (killed, say), even one
  // gone while this process was starting.
  if (typeof process.send === "function") {
    if (process.connected) process.once("disconnect", () => void shutdown("manager gone"));
    else void shutdown("manager gone");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

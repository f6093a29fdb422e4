import { fileURLToPath } from "node:url";
import { loadConfig } from "./config.ts";
import { runShardHost } from "./discord/shard-manager.ts";
import { createLogger } from "./logger.ts";

/** `npm run start:sharded`: this host's shards (SHARD_COUNT, SHARDS), one process each. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.discordToken) throw new Error("npm run start:sharded needs DISCORD_TOKEN");
  const logger = createLogger(config.logLevel, { secrets: [config.discordToken] }).child({
    manager: true,
  });
  const host = await runShardHost(config, logger, {
    entry: fileURLToPath(new URL("./main.ts", import.meta.url)),
    execArgv: ["--import", "tsx"],
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping every shard");
    await host.stop();
    logger.info("every shard stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

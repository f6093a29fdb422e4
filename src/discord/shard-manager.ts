import type { ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { extname } from "node:path";
import { REST, Routes, type Shard, ShardingManager } from "discord.js";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";

export interface ShardHostOptions {
  /** The script each shard process runs (src/main.ts). */
  readonly entry: string;
  /** Node flags of the shard processes (`--import tsx` for a TypeScript entry). */
  readonly execArgv: readonly string[];
  /** Between two shards' starts: Discord lets a bot identify once per 5 s. */
  readonly spawnDelayMs?: number;
  /** How long a shard may take from its start to READY (it indexes the corpus first). */
  readonly readyTimeoutMs?: number;
  /** How long a stopping shard may take to close its rounds before it is killed. */
  readonly stopTimeoutMs?: number;
}

export interface ShardHost {
  /** Stops every shard (each closes its open rounds) and resolves once all have exited. */
  stop(): Promise<void>;
}

/** A respawn waits this long after a death, doubled after each death in a row, up to the cap. */
const RESPAWN_FIRST_MS = 1_000;
const RESPAWN_MAX_MS = 30_000;

/**
 * Library job workers per shard process: the cores less one (kept for the event loops) shared
 * among this host's shards, at least one each; unless LIBRARY_JOB_WORKERS says otherwise.
 */
export function jobWorkersPerShard(cores: number, shardsOnHost: number): number {
  return Math.max(1, Math.floor((cores - 1) / shardsOnHost));
}

/** `data/search-index.sqlite` → `data/search-index.shard-1.sqlite`: one index file per process. */
export function shardIndexPath(path: string, shardId: number): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}.shard-${shardId}${ext}`;
}

/** Discord's recommended shard count, asked where the bot's REST calls go. */
async function recommendedShardCount(config: Pick<Config, "discordToken" | "discordApiUrl">) {
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {});
  rest.setToken(config.discordToken ?? "");
  const gateway = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return gateway.shards;
}

/**
 * Runs this host's shards as processes under discord.js's ShardingManager: each process is
 * `npm start` with SHARDS and SHARD_COUNT set by the manager, and a search index file of its
 * own. A shard that dies is started again (after a growing pause); `stop` sends SIGTERM to
 * every shard, starts none again, and waits for them to exit.
 */
export async function runShardHost(
  config: Pick<
    Config,
    "discordToken" | "discordApiUrl" | "sharding" | "postgres" | "libraryJobWorkers"
  >,
  logger: Logger,
  options: ShardHostOptions,
): Promise<ShardHost> {
  const requested = config.sharding?.count ?? "auto";
  const count = requested === "auto" ? await recommendedShardCount(config) : requested;
  const ids = config.sharding?.ids ?? Array.from({ length: count }, (_, i) => i);
  if (!config.postgres && ids.length > 1)
    throw new Error(
      `${ids.length} shard processes share their state only on PostgreSQL: set DATABASE_URL, or run all shards in one process with SHARD_COUNT=${count} npm start`,
    );
  const manager = new ShardingManager(options.entry, {
    totalShards: count,
    shardList: [...ids],
    // Respawning is done here, with a pause, and never while stopping.
    respawn: false,
    execArgv: [...options.execArgv],
    ...(config.discordToken ? { token: config.discordToken } : {}),
  });
  let stopping = false;
  const deathsInARow = new Map<number, number>();
  const respawnTimers = new Set<NodeJS.Timeout>();
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;

  manager.on("shardCreate", (shard: Shard) => {
    const log = logger.child({ shard: shard.id });
    // The manager copies its environment into each shard's (discord.js types it unknown).
    const env = shard.env as NodeJS.ProcessEnv;
    if (config.postgres)
      env.SEARCH_INDEX_PATH = shardIndexPath(config.postgres.searchIndexPath, shard.id);
    env.LIBRARY_JOB_WORKERS = String(
      config.libraryJobWorkers ?? jobWorkersPerShard(availableParallelism(), ids.length),
    );
    // Process mode: each shard is a child process.
    shard.on("spawn", (child) =>
      log.info({ childPid: (child as ChildProcess).pid }, "shard started"),
    );
    shard.on("ready", () => {
      deathsInARow.set(shard.id, 0);
      log.info("shard ready");
    });
    shard.on("death", (dead) => {
      if (stopping) return;
      const child = dead as ChildProcess;
      const deaths = (deathsInARow.get(shard.id) ?? 0) + 1;
      deathsInARow.set(shard.id, deaths);
      const waitMs = Math.min(RESPAWN_MAX_MS, RESPAWN_FIRST_MS * 2 ** (deaths - 1));
      log.error(
        { childPid: child.pid, exitCode: child.exitCode, signal: child.signalCode, waitMs },
        "shard process died; starting it again",
      );
      const timer = setTimeout(() => {
        respawnTimers.delete(timer);
        if (stopping) return;
        shard
          .spawn(readyTimeoutMs)
          .catch((error: unknown) =>
            log.error({ err: error }, "shard not ready after its restart"),
          );
      }, waitMs);
      respawnTimers.add(timer);
    });
  });

  /** The live shard processes, by shard id (a dead one is absent until it is started again). */
  const processes = () => {
    const running = new Map<number, ChildProcess>();
    for (const [id, shard] of manager.shards)
      if (shard.process && shard.process.exitCode === null && shard.process.signalCode === null)
        running.set(id, shard.process);
    return running;
  };

  const stop = async () => {
    stopping = true;
    for (const timer of respawnTimers) clearTimeout(timer);
    respawnTimers.clear();
    await Promise.all([...processes()].map(([id, child]) => stopChild(id, child)));
  };

  const stopChild = (id: number, child: ChildProcess) =>
    new Promise<void>((resolve) => {
      const killer = setTimeout(() => {
        logger.warn({ shard: id }, "shard did not stop in time; killing it");
        child.kill("SIGKILL");
      }, options.stopTimeoutMs ?? 30_000);
      child.once("exit", () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill("SIGTERM");
    });

  logger.info({ count, ids }, "starting shards");
  try {
    await manager.spawn({
      amount: count,
      delay: options.spawnDelayMs ?? 5_500,
      timeout: readyTimeoutMs,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FakeDiscord } from "./fake-discord.ts";
import { REPO_CORPUS } from "./temp-corpus.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface BotProcess {
  readonly child: ChildProcess;
  /** Everything the bot wrote to stdout and stderr so far. */
  output(): string;
  /** Its JSON log lines so far (lines that are not JSON are left out). */
  logLines(): Record<string, unknown>[];
}

/** Runs `npm start`'s entry point as its own process against the fake Discord, until logged in. */
export async function startBotProcess(
  fake: FakeDiscord,
  options: {
    token: string;
    databasePath: string;
    /** The shared state on this PostgreSQL database; `databasePath` then holds the search index. */
    postgresUrl?: string | undefined;
    /** Node flags, after tsx is loaded (so a TypeScript `--import` works). */
    nodeArgs?: readonly string[];
    /** SHARD_COUNT and SHARDS (as a JSON array, which discord.js reads too); unset: unsharded. */
    shards?: { count: number; ids?: readonly number[] };
    /** The script to run (default `npm start`'s, src/main.ts; src/sharded.ts for the manager). */
    entry?: string;
    /** More settings (SHARD_COUNT, SHARDS …). */
    env?: Readonly<Record<string, string>>;
    /** An IPC channel to the bot, as ShardingManager opens to each shard process. */
    ipc?: boolean;
    /** How long to wait for the login (default 20 s); keep it below the caller's hook timeout. */
    readyTimeoutMs?: number;
    /** When it counts as started (default: one "logged in to Discord" line). */
    started?: (output: string) => boolean;
  },
): Promise<BotProcess> {
  let output = "";
  // node itself, not the tsx wrapper: kill -9 must hit the bot, not a parent that leaves it running.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", ...(options.nodeArgs ?? []), options.entry ?? "src/main.ts"],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: options.token,
        DISCORD_API_URL: fake.apiUrl,
        DATABASE_PATH: options.databasePath,
        ...(options.postgresUrl
          ? { DATABASE_URL: options.postgresUrl, SEARCH_INDEX_PATH: options.databasePath }
          : {}),
        ...(options.shards ? { SHARD_COUNT: String(options.shards.count) } : {}),
        ...(options.shards?.ids ? { SHARDS: JSON.stringify(options.shards.ids) } : {}),
        CORPUS_DIR: REPO_CORPUS,
        LOG_LEVEL: "info",
        ...options.env,
      },
      stdio: options.ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
    },
  );
  const collect = (d: Buffer) => {
    output += d.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const started = options.started ?? ((text: string) => text.includes("logged in to Discord"));
  try {
    await fake.waitFor(() => started(output) || undefined, options.readyTimeoutMs ?? 20_000);
  } catch (error) {
    // The caller never gets the child to stop: it would outlive the test run.
    child.kill("SIGKILL");
    throw new Error(`the bot did not start; its output:\n${output}`, { cause: error });
  }
  const logLines = () =>
    output.split("\n").flatMap((line) => {
      try {
        return line.startsWith("{") ? [JSON.parse(line) as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  return { child, output: () => output, logLines };
}

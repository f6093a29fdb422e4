import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pino from "pino";
import { openApp } from "../src/app.ts";
import { DEBIAN_LEXICONS } from "../src/config.ts";
import { shardIndexPath } from "../src/discord/shard-manager.ts";
import { FakeDiscord } from "../test/support/fake-discord.ts";
import { benchDatabase } from "./postgres-server.ts";
import { percentile } from "./stats.ts";
import { ROOT } from "./workers.ts";

/**
 * `npm run bench:shards`: the bot as shards under `npm run start:sharded` against the fake
 * Discord, on one PostgreSQL database. A third process (this one) changes a server's library
 * `--changes` times; each change is timed from the moment the writer was told it is stored to
 * the moment every shard's own search index has applied it (what /cite reads). Reports the
 * p50/p95/max over the changes and the memory (RSS) of each shard process and of the manager.
 */

const GUILD = "200000000000000001";
const moderator = { id: "990000000000000001", name: "Bench" };

const articleText = (i: number) =>
  [
    "---",
    `title: Messprobe ${i}`,
    "language: de",
    "---",
    "",
    `Die Messprobe Nummer ${i} beschreibt den Quastenflosser vor den Komoren, Fassung ${i}.`,
  ].join("\n");

/** Resident memory of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(line?.replace(/\D+/g, "") ?? Number.NaN) / 1024;
}

interface ShardLog {
  readonly pids: Map<number, number>;
  readonly ready: Set<number>;
}

/** Follows the manager's JSON log lines: which process each shard is, and which are ready. */
function followLog(child: ChildProcess, verbose: boolean): ShardLog {
  const log: ShardLog = { pids: new Map(), ready: new Set() };
  let rest = "";
  const read = (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) {
      if (verbose) process.stderr.write(`${line}\n`);
      const entry = JSON.parse(line.startsWith("{") ? line : "{}") as Record<string, unknown>;
      if (entry.msg === "shard started" && typeof entry.shard === "number")
        log.pids.set(entry.shard, Number(entry.childPid));
      if (entry.msg === "shard ready" && typeof entry.shard === "number")
        log.ready.add(entry.shard);
    }
  };
  child.stdout?.on("data", read);
  child.stderr?.on("data", read);
  return log;
}

async function until(probe: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      shards: { type: "string", default: "2" },
      changes: { type: "string", default: "50" },
      "pg-url": { type: "string" },
      verbose: { type: "boolean", default: false },
    },
  });
  const count = Number(values.shards);
  const changes = Number(values.changes);
  const work = mkdtempSync(join(tmpdir(), "beleg-bench-shards-"));
  const database = await benchDatabase(values["pg-url"]);
  const fake = new FakeDiscord();
  await fake.start();
  const indexPath = join(work, "search-index.sqlite");
  let manager: ChildProcess | undefined;
  try {
    const started = performance.now();
    manager = spawn(process.execPath, ["--import", "tsx", "src/sharded.ts"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: "bench-shards-token",
        DISCORD_API_URL: fake.apiUrl,
        DATABASE_URL: database.url,
        SEARCH_INDEX_PATH: indexPath,
        SHARD_COUNT: String(count),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const log = followLog(manager, values.verbose);
    await until(() => log.ready.size === count, 300_000, "every shard to be ready");
    const upSeconds = (performance.now() - started) / 1000;
    const rssAtStart = [...log.pids].map(([shard, pid]) => ({ shard, mib: rssMiB(pid) }));

    const writer = await openApp(
      {
        databasePath: join(work, "writer.sqlite"),
        corpusDir: join(ROOT, "corpus"),
        lexicons: DEBIAN_LEXICONS,
        postgres: {
          url: database.url,
          poolSize: 4,
          statementTimeoutMs: 2_000,
          connectTimeoutMs: 2_000,
          searchIndexPath: join(work, "writer.sqlite"),
        },
      },
      { logger: pino({ level: "silent" }) },
    );
    const readers = Array.from({ length: count }, (_, shard) => {
      const db = new Database(shardIndexPath(indexPath, shard), { readonly: true });
      const version = db
        .prepare("SELECT version FROM indexed_libraries WHERE guild_id = ?")
        .pluck();
      return { db, applied: () => Number(version.get(GUILD) ?? 0) };
    });
    const delays: number[] = [];
    for (let i = 1; i <= changes; i++) {
      const added = await writer.library.add(GUILD, moderator, {
        filename: "messprobe.md",
        text: articleText(i),
      });
      if (added.kind !== "added" && added.kind !== "replaced")
        throw new Error(`change ${i} not stored: ${added.kind}`);
      const told = performance.now();
      const version = Number(
        writer.db.$client
          .prepare("SELECT version FROM indexed_libraries WHERE guild_id = ?")
          .pluck()
          .get(GUILD),
      );
      await until(
        () => readers.every((r) => r.applied() >= version),
        10_000,
        `change ${i} in every shard`,
      );
      delays.push(performance.now() - told);
    }
    const rssAfter = [...log.pids].map(([shard, pid]) => ({ shard, mib: rssMiB(pid) }));
    for (const r of readers) r.db.close();
    await writer.close();
    const managerMiB = manager.pid === undefined ? Number.NaN : rssMiB(manager.pid);
    const ms = (v: number | undefined) => (v ?? Number.NaN).toFixed(1);
    const lines = [
      `shards: ${count} shard process(es) under npm run start:sharded, up in ${upSeconds.toFixed(1)} s; PostgreSQL fsync=${database.fsync} (${database.server})`,
      `library change visible in every shard (${changes} changes, from stored to applied in each index): p50 ${ms(percentile(delays, 50))} ms, p95 ${ms(percentile(delays, 95))} ms, max ${ms(Math.max(...delays))} ms`,
      ...rssAtStart.map(
        (s, i) =>
          `shard ${s.shard} RSS: ${s.mib.toFixed(0)} MiB after start, ${rssAfter[i]?.mib.toFixed(0)} MiB after the changes`,
      ),
      `manager RSS: ${managerMiB.toFixed(0)} MiB`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    if (manager && manager.exitCode === null) {
      const exited = new Promise((r) => manager?.once("exit", r));
      manager.kill("SIGTERM");
      await exited;
    }
    await fake.stop();
    await database.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});

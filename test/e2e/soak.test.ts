import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../support/fake-discord.ts";
import { REPO_CORPUS } from "../support/temp-corpus.ts";

/** About a minute of load by default (SOAK_MS sets a longer soak): 50 users in 20 rounds at once. */
const SOAK_MS = Number(process.env.SOAK_MS ?? 40_000);
const USERS = 50;
const CHANNELS = 20;
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let fake: FakeDiscord;
let dir: string;
let bot: ChildProcess;

/** The bot process's resident memory, from /proc. */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? Number.NaN) / 1024;
}

beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), "beleg-soak-"));
  let output = "";
  bot = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: "soak-token",
      DISCORD_API_URL: fake.apiUrl,
      DATABASE_PATH: join(dir, "beleg.sqlite"),
      CORPUS_DIR: REPO_CORPUS,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  bot.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  bot.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  await fake.waitFor(() => (output.includes("logged in to Discord") ? true : undefined), 20_000);
}, 30_000);

afterAll(async () => {
  if (bot.exitCode === null) bot.kill("SIGKILL");
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1)] ?? Number.NaN
  );
};

describe("soak: 50 users in 20 concurrent rounds", () => {
  it(
    "answers every click, loses no answer and does not grow",
    async () => {
      const users = Array.from({ length: USERS }, (_, i) => ({
        id: `73${String(i).padStart(16, "0")}`,
        name: `Spieler ${i}`,
      }));
      const channels = Array.from(
        { length: CHANNELS },
        (_, i) => `74${String(i).padStart(16, "0")}`,
      );
      const clicks: string[] = [];
      let cursor = 0;
      let standings = 0;
      let rssStart = 0;
      const rssByWave: number[] = [];
      const started = performance.now();
      let waves = 0;
      while (performance.now() - started < SOAK_MS) {
        waves++;
        for (const channelId of channels) {
          fake.command(
            users[0] as (typeof users)[number],
            "quiz",
            [
              {
                name: "start",
                type: 1,
                options: [
                  { name: "questions", type: 4, value: 2 },
                  { name: "seconds", type: 4, value: 10 },
                ],
              },
            ],
            { channelId },
          );
        }
        while (standings < waves * CHANNELS) {
          for (; cursor < fake.requests.length; cursor++) {
            const request = fake.requests[cursor];
            if (
              !request ||
              request.method !== "POST" ||
              !/\/channels\/\d+\/messages$/.test(request.path)
            )
              continue;
            const body = request.body as {
              embeds?: { title?: string }[];
              components?: { components: { custom_id: string }[] }[];
            };
            if (body.embeds?.[0]?.title?.startsWith("Endstand")) standings++;
            const buttons = body.components?.[0]?.components;
            if (!buttons?.[0]?.custom_id.startsWith("quiz:")) continue;
            const channelId = request.path.split("/")[4] as string;
            users.forEach((user, i) => {
              const button = buttons[i % buttons.length] as { custom_id: string };
              clicks.push(fake.click(user, button.custom_id, undefined, "de", channelId));
            });
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        rssByWave.push(+rssMiB(bot.pid as number).toFixed(1));
        if (waves === 1) rssStart = rssByWave[0] as number;
      }
      await fake.waitFor(() => clicks.every((c) => fake.callbackOf(c)) || undefined, 20_000);
      const rssEnd = rssMiB(bot.pid as number);
      const latencies = clicks.map((c) => {
        const callback = fake.responsesOf(c).find((r) => r.path.includes("/callback"));
        return (callback?.at ?? Number.NaN) - (fake.sentAt.get(c) ?? Number.NaN);
      });
      const recorded = clicks.filter((c) =>
        JSON.stringify(fake.callbackOf(c)).includes("gespeichert"),
      ).length;
      const db = new Database(join(dir, "beleg.sqlite"), { readonly: true });
      const stored = (db.prepare("SELECT count(*) AS n FROM answers").get() as { n: number }).n;
      db.close();
      const figures = {
        waves,
        rounds: waves * CHANNELS,
        clicks: clicks.length,
        recorded,
        stored,
        p50ms: +percentile(latencies, 50).toFixed(1),
        p95ms: +percentile(latencies, 95).toFixed(1),
        maxms: +Math.max(...latencies).toFixed(1),
        botRssAfterFirstWaveMiB: +rssStart.toFixed(1),
        botRssAtEndMiB: +rssEnd.toFixed(1),
        botRssByWaveMiB: rssByWave,
      };
      console.info(`soak ${JSON.stringify(figures)}`);
      expect(clicks.length).toBeGreaterThanOrEqual(waves * CHANNELS * USERS * 2);
      expect(latencies.every(Number.isFinite)).toBe(true);
      expect(recorded).toBe(clicks.length);
      expect(stored).toBe(recorded);
    },
    SOAK_MS + 110_000,
  );
});

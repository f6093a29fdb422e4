import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexedTempApp, type TempApp } from "../support/temp-app.ts";

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL("../support/answer-worker.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let t: TempApp;
beforeAll(async () => {
  t = await indexedTempApp();
});
afterAll(() => t.cleanup());

describe("four processes on one database file", () => {
  it("lose no answer, count none twice, keep every score equal to its answers", async () => {
    const users = 60;
    const rounds = 2;
    const results = await Promise.all(
      [1, 2, 3, 4].map(async (i) => {
        const { stdout } = await run(
          process.execPath,
          ["--import", "tsx", WORKER, t.path, `channel-${i}`, String(users), String(rounds)],
          {
            cwd: ROOT,
          },
        );
        return JSON.parse(stdout) as { sent: number; recorded: number };
      }),
    );
    const sent = results.reduce((n, r) => n + r.sent, 0);
    expect(results.every((r) => r.recorded === r.sent)).toBe(true);
    const sqlite = t.db.$client;
    const stored = sqlite.prepare("SELECT count(*) AS n FROM answers").get() as { n: number };
    expect(stored.n).toBe(sent);
    const duplicates = sqlite
      .prepare(
        "SELECT count(*) AS n FROM (SELECT question_id, user_id FROM answers GROUP BY 1, 2 HAVING count(*) > 1)",
      )
      .get() as { n: number };
    expect(duplicates.n).toBe(0);
    const mismatched = sqlite
      .prepare(
        `SELECT count(*) AS n FROM scores s WHERE s.points <> (SELECT sum(points) FROM answers a
           WHERE a.guild_id = s.guild_id AND a.user_id = s.user_id)
         OR s.answered <> (SELECT count(*) FROM answers a WHERE a.guild_id = s.guild_id AND a.user_id = s.user_id)`,
      )
      .get() as { n: number };
    expect(mismatched.n).toBe(0);
    const finished = sqlite
      .prepare("SELECT count(*) AS n FROM rounds WHERE status = 'finished'")
      .get() as { n: number };
    expect(finished.n).toBe(4 * rounds);
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
  }, 60_000);
});

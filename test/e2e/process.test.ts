import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotProcess } from "../support/bot-process.ts";
import { FakeDiscord } from "../support/fake-discord.ts";
import { stateRows, testStateDatabase } from "../support/state-rows.ts";

const anna = { id: "710000000000000001", name: "Anna" };

let fake: FakeDiscord;
let dir: string;
let child: ChildProcess;
let output: () => string;
let state: Awaited<ReturnType<typeof testStateDatabase>>;

beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), "beleg-process-"));
  state = await testStateDatabase();
  const bot = await startBotProcess(fake, {
    token: "process-token",
    databasePath: join(dir, "beleg.sqlite"),
    postgresUrl: state.postgresUrl,
  });
  child = bot.child;
  output = bot.output;
}, 30_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill("SIGKILL");
  await fake.stop();
  await state?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start with DISCORD_TOKEN and DISCORD_API_URL", () => {
  it("logs in, serves a command and shuts down cleanly on SIGTERM", async () => {
    const cite = fake.command(anna, "cite", [
      { name: "query", type: 3, value: "Golden Dome Kosten" },
    ]);
    const answer = await fake.waitFor(() =>
      fake.payloadsOf(cite).find((p) => Array.isArray(p.embeds)),
    );
    expect(JSON.stringify(answer)).toContain("Golden Dome");

    const start = fake.command(anna, "quiz", [
      { name: "start", type: 1, options: [{ name: "seconds", type: 4, value: 60 }] },
    ]);
    await fake.waitFor(() => fake.payloadsOf(start).find((p) => typeof p.content === "string"));

    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output()).not.toContain("process-token");

    const at = { path: join(dir, "beleg.sqlite"), postgresUrl: state.postgresUrl };
    expect(await stateRows(at, "SELECT status FROM rounds")).toEqual([{ status: "interrupted" }]);
  }, 30_000);
});

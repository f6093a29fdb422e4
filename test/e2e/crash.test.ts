import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotProcess } from "../support/bot-process.ts";
import { CHANNEL_ID, FakeDiscord } from "../support/fake-discord.ts";
import { stateRows, testStateDatabase } from "../support/state-rows.ts";

const anna = { id: "720000000000000001", name: "Anna" };
const ben = { id: "720000000000000002", name: "Ben" };

let fake: FakeDiscord;
let dir: string;
const children: ChildProcess[] = [];
let state: Awaited<ReturnType<typeof testStateDatabase>>;

async function startBot(): Promise<ChildProcess> {
  const bot = await startBotProcess(fake, {
    token: "crash-token",
    databasePath: join(dir, "beleg.sqlite"),
    postgresUrl: state.postgresUrl,
  });
  children.push(bot.child);
  return bot.child;
}

beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), "beleg-crash-"));
  state = await testStateDatabase();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await fake.stop();
  await state?.close();
  rmSync(dir, { recursive: true, force: true });
});

const questionPosts = () =>
  fake.requests.filter(
    (r) => r.method === "POST" && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`,
  );

describe("kill -9 in the middle of a round", () => {
  it("keeps every recorded answer and score, closes the round, frees the channel", async () => {
    const first = await startBot();
    const start = fake.command(anna, "quiz", [
      {
        name: "start",
        type: 1,
        options: [
          { name: "seconds", type: 4, value: 60 },
          { name: "kind", type: 3, value: "mc" },
        ],
      },
    ]);
    await fake.waitFor(() => fake.payloadsOf(start).find((p) => typeof p.content === "string"));
    const question = await fake.waitFor(() => questionPosts()[0]);
    const buttons =
      (question.body as { components: { components: { custom_id: string }[] }[] }).components[0]
        ?.components ?? [];
    for (const [user, button] of [
      [anna, buttons[0]],
      [ben, buttons[1]],
    ] as const) {
      const click = fake.click(user, button?.custom_id as string);
      await fake.waitFor(() => fake.callbackOf(click));
    }

    const exited = new Promise((resolve) => first.once("exit", resolve));
    first.kill("SIGKILL");
    await exited;

    const at = { path: join(dir, "beleg.sqlite"), postgresUrl: state.postgresUrl };
    const answers = "SELECT user_id, points FROM answers ORDER BY user_id";
    const scores = "SELECT user_id, points, answered FROM scores ORDER BY user_id";
    const answersBefore = await stateRows(at, answers);
    const scoresBefore = await stateRows(at, scores);
    expect(answersBefore).toHaveLength(2);

    await startBot();
    expect(await stateRows(at, "SELECT status FROM rounds")).toEqual([{ status: "interrupted" }]);
    expect(await stateRows(at, answers)).toEqual(answersBefore);
    expect(await stateRows(at, scores)).toEqual(scoresBefore);
    const db = new Database(join(dir, "beleg.sqlite"), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();

    const again = fake.command(ben, "quiz", [
      { name: "start", type: 1, options: [{ name: "seconds", type: 4, value: 60 }] },
    ]);
    const reply = await fake.waitFor(() =>
      fake.payloadsOf(again).find((p) => typeof p.content === "string"),
    );
    expect(String(reply.content)).toContain("Eine Runde mit");
  }, 60_000);
});

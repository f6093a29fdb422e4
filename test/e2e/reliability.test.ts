import { type ChildProcess, execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotProcess } from "../support/bot-process.ts";
import { CHANNEL_ID, FakeDiscord, PERMISSIONS } from "../support/fake-discord.ts";
import { stateRows, TEST_STORE, testStateDatabase } from "../support/state-rows.ts";
import { REPO_CORPUS } from "../support/temp-corpus.ts";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

const anna = { id: "730000000000000001", name: "Anna" };
const ben = { id: "730000000000000002", name: "Ben" };
const eve = { id: "730000000000000003", name: "[Free Nitro](https://evil.example/x)" };
const mod = { id: "730000000000000004", name: "Mo", manageMessages: true };

let fake: FakeDiscord;
let dir: string;
let dbPath: string;
let bot: ChildProcess;
let output: () => string;
let state: Awaited<ReturnType<typeof testStateDatabase>>;

beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), "beleg-reliability-"));
  dbPath = join(dir, "beleg.sqlite");
  state = await testStateDatabase();
  const started = await startBotProcess(fake, {
    token: "reliability-token",
    databasePath: dbPath,
    postgresUrl: state.postgresUrl,
  });
  bot = started.child;
  output = started.output;
}, 30_000);

afterAll(async () => {
  if (bot.exitCode === null) bot.kill("SIGKILL");
  await fake.stop();
  await state?.close();
  rmSync(dir, { recursive: true, force: true });
});

const channelPosts = (channel: string) =>
  fake.requests.filter(
    (r) => r.method === "POST" && r.path === `/api/v10/channels/${channel}/messages`,
  );

/** Starts a round in `channel` and returns the first question's buttons. */
async function startRound(channel: string, seconds = 60): Promise<string[]> {
  const before = channelPosts(channel).length;
  fake.command(
    anna,
    "quiz",
    [
      {
        name: "start",
        type: 1,
        options: [
          { name: "seconds", type: 4, value: seconds },
          { name: "kind", type: 3, value: "mc" },
          { name: "questions", type: 4, value: 1 },
        ],
      },
    ],
    { channelId: channel },
  );
  const question = await fake.waitFor(() => channelPosts(channel)[before]);
  return (
    (question.body as { components: { components: { custom_id: string }[] }[] }).components[0]
      ?.components ?? []
  ).map((b) => b.custom_id);
}

async function stopRound(channel: string): Promise<void> {
  const stop = fake.command(mod, "quiz", [{ name: "stop", type: 1, options: [] }], {
    channelId: channel,
  });
  await fake.waitFor(() => fake.callbackOf(stop));
}

const text = (id: string) => JSON.stringify(fake.payloadsOf(id));
const stateOf = (sql: string, ...params: unknown[]) =>
  stateRows({ path: dbPath, postgresUrl: state.postgresUrl }, sql, ...params);
const storedAnswers = async () =>
  Number((await stateOf("SELECT count(*) AS n FROM answers"))[0]?.n);

// PostgreSQL's counterpart, a table lock held by another session, is in postgres-restart.test.ts.
describe.skipIf(TEST_STORE === "postgres")(
  "the bot process while another process holds the write lock",
  () => {
    it("keeps answering, acknowledges a click at once and stores it once the lock is free", async () => {
      const channel = "300000000000000101";
      const buttons = await startRound(channel);
      const holder = new Database(dbPath);
      holder.pragma("busy_timeout = 0");
      holder.exec("BEGIN IMMEDIATE");
      try {
        const click = fake.click(anna, buttons[0] as string, undefined, "de", channel);
        const help = fake.command(ben, "help");
        const cite = fake.command(ben, "cite", [{ name: "query", type: 3, value: "Kuiper" }]);
        expect((await fake.waitFor(() => fake.callbackOf(help))).type).toBe(4);
        await fake.waitFor(() => fake.payloadsOf(cite).find((p) => Array.isArray(p.embeds)));
        expect((await fake.waitFor(() => fake.callbackOf(click))).type).toBe(6);
        expect(text(click)).not.toContain("gespeichert");
        holder.exec("COMMIT");
        await fake.waitFor(() =>
          text(click).includes("Deine Antwort ist gespeichert") ? true : undefined,
        );
        expect(await storedAnswers()).toBe(1);
      } finally {
        if (holder.inTransaction) holder.exec("COMMIT");
        holder.close();
      }
      await stopRound(channel);
    }, 30_000);
  },
);

describe("a second process on the same database", () => {
  it("does not interrupt the running bot's round", async () => {
    const channel = "300000000000000102";
    const buttons = await startRound(channel);
    const console = run(TSX, ["src/cli.ts", "console"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_PATH: dbPath,
        ...(state.postgresUrl
          ? {
              DATABASE_URL: state.postgresUrl,
              SEARCH_INDEX_PATH: join(dir, "console-index.sqlite"),
            }
          : {}),
        CORPUS_DIR: REPO_CORPUS,
        LOG_LEVEL: "silent",
      },
    });
    console.child.stdin?.end();
    await console;
    const click = fake.click(ben, buttons[1] as string, undefined, "de", channel);
    await fake.waitFor(() => (text(click).includes("gespeichert") ? true : undefined));
    const [status] = await stateOf("SELECT status FROM rounds WHERE channel_id = ?", channel);
    expect(status?.status).toBe("running");
    await stopRound(channel);
  }, 30_000);
});

describe("hostile display names and queries", () => {
  it("never become links in the reveal, the standings or the leaderboard", async () => {
    const channel = "300000000000000103";
    const buttons = await startRound(channel, 10);
    const [{ correct }] = (await stateOf(
      "SELECT q.correct_index AS correct FROM round_questions q JOIN rounds r ON r.id = q.round_id WHERE r.channel_id = ?",
      channel,
    )) as [{ correct: number }];
    fake.click(eve, buttons[correct] as string, undefined, "de", channel);
    const standings = await fake.waitFor(
      () => channelPosts(channel).find((r) => JSON.stringify(r.body).includes("Endstand")),
      20_000,
    );
    const reveal = channelPosts(channel).find((r) => JSON.stringify(r.body).includes("Stimmen"));
    const board = fake.command(anna, "leaderboard", [], { channelId: channel });
    await fake.waitFor(() => fake.payloadsOf(board).find((p) => Array.isArray(p.embeds)));
    for (const shown of [
      JSON.stringify(standings.body),
      JSON.stringify(reveal?.body),
      text(board),
    ]) {
      expect(shown).toContain("Free Nitro");
      expect(shown).not.toContain("](https://");
      expect(shown).not.toContain("https://evil");
    }
  }, 30_000);

  it("answer a look-up that finds nothing privately, though the command was public", async () => {
    const cite = fake.command(eve, "cite", [{ name: "query", type: 3, value: "qqqq zzzz xyzzy" }]);
    const followUp = await fake.waitFor(() =>
      fake.responsesOf(cite).find((r) => r.method === "POST" && r.path.includes("/webhooks/")),
    );
    expect(fake.callbackOf(cite)?.type).toBe(5);
    expect(fake.responsesOf(cite).some((r) => r.method === "DELETE")).toBe(true);
    expect(followUp.body).toMatchObject({ flags: 64 });
  });
});

describe("a channel the bot may not post to", () => {
  it("is named before a round starts, and a refused first post ends the round and frees the channel", async () => {
    const channel = "300000000000000104";
    const denied = fake.command(anna, "quiz", [{ name: "start", type: 1, options: [] }], {
      channelId: channel,
      appPermissions: PERMISSIONS.viewChannel,
    });
    const refusal = await fake.waitFor(() => fake.callbackOf(denied));
    expect(refusal).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(refusal)).toContain("Nachrichten senden");
    expect(JSON.stringify(refusal)).toContain("Links einbetten");

    fake.fail(new RegExp(`^POST /api/v10/channels/${channel}/messages$`), 403, {
      message: "Missing Access",
      code: 50001,
    });
    const start = fake.command(anna, "quiz", [{ name: "start", type: 1, options: [] }], {
      channelId: channel,
    });
    await fake.waitFor(() => (text(start).includes("konnte nicht beginnen") ? true : undefined));
    await fake.waitFor(() =>
      channelPosts(channel).find((r) => JSON.stringify(r.body).includes("unterbrochen")),
    );
    const again = await startRound(channel);
    expect(again.length).toBe(4);
    await stopRound(channel);
    expect(output()).not.toContain("reliability-token");
  }, 30_000);
});

describe("stopping the bot with a question open", () => {
  it("says in the channel that the round was interrupted", async () => {
    const channel = CHANNEL_ID;
    await startRound(channel);
    const exited = new Promise((resolve) => bot.once("exit", resolve));
    bot.kill("SIGTERM");
    await exited;
    expect(
      channelPosts(channel).some((r) =>
        JSON.stringify(r.body).includes("Die Runde wurde unterbrochen."),
      ),
    ).toBe(true);
  }, 30_000);
});

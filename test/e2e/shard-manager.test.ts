import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApplicationCommandOptionType as T } from "discord.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { shardIndexPath } from "../../src/discord/shard-manager.ts";
import { type BotProcess, startBotProcess } from "../support/bot-process.ts";
import {
  CHANNEL_ID,
  CHANNEL_SHARD_1_ID,
  FakeDiscord,
  type FakeUser,
  GUILD_ID,
  GUILD_SHARD_1_ID,
} from "../support/fake-discord.ts";
import { describePg, pgTestDatabase, type TestDatabase } from "../support/pg-cluster.ts";
import { answerText, prebuiltIndexes, startRound } from "../support/shard-processes.ts";
import { stateRows } from "../support/state-rows.ts";

const anna: FakeUser = { id: "790000000000000001", name: "Anna" };

const ON_SHARD_0 = { guildId: GUILD_ID, channelId: CHANNEL_ID };
const ON_SHARD_1 = { guildId: GUILD_SHARD_1_ID, channelId: CHANNEL_SHARD_1_ID };

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `npm run start:sharded` with SHARD_COUNT=auto against a fake Discord that recommends 2. */
describePg("one host's shards under discord.js's ShardingManager", () => {
  let database: TestDatabase;
  let fake: FakeDiscord;
  let dir: string;
  let manager: BotProcess;
  const state = () => ({ postgresUrl: database.url });

  /** The processes the manager started for a shard, in order (from its log). */
  const pidsOf = (shard: number) =>
    manager
      .logLines()
      .filter((l) => l.msg === "shard started" && l.shard === shard)
      .map((l) => Number(l.childPid));

  beforeAll(async () => {
    database = await pgTestDatabase();
    fake = new FakeDiscord({ shardCount: 2 });
    await fake.start();
    dir = mkdtempSync(join(tmpdir(), "beleg-manager-"));
    const index = join(dir, "search-index.sqlite");
    await prebuiltIndexes(database.url, [shardIndexPath(index, 0), shardIndexPath(index, 1)]);
    manager = await startBotProcess(fake, {
      token: "manager-token",
      databasePath: index,
      postgresUrl: database.url,
      entry: "src/sharded.ts",
      env: { SHARD_COUNT: "auto" },
      started: (output) => /"shard":1,"msg":"shard ready"/.test(output),
      readyTimeoutMs: 90_000,
    });
    await fake.waitFor(() => fake.connectedShards().join() === "0,1" || undefined, 20_000);
  }, 120_000);

  afterAll(async () => {
    if (manager?.child.exitCode === null) manager.child.kill("SIGKILL");
    for (const pid of [...pidsOf(0), ...pidsOf(1)]) if (alive(pid)) process.kill(pid, "SIGKILL");
    await fake?.stop();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the shard count Discord recommends, one process each, serving each server and DMs once, with the shard ids on every log line", async () => {
    expect(fake.identified).toBe(2);
    const cites = [ON_SHARD_0, ON_SHARD_1, { inGuild: false }].map((where) =>
      fake.command(anna, "cite", [{ name: "query", type: T.String, value: "Kuiper" }], where),
    );
    for (const cite of cites) expect(await answerText(fake, cite)).toContain("Kuiper");
    expect(cites.map((c) => fake.deliveredTo.get(c))).toEqual([[0], [1], [0]]);
    const lines = manager.logLines();
    expect(lines.filter((l) => l.msg === "logged in to Discord").map((l) => l.shards)).toEqual(
      expect.arrayContaining([[0], [1]]),
    );
    expect(lines.filter((l) => l.manager !== true && !Array.isArray(l.shards))).toEqual([]);
  }, 30_000);

  it("starts a killed shard again; the restarted process closes its round, keeping the stored answer", async () => {
    const round = await startRound(fake, database.url, anna, ON_SHARD_1);
    const click = fake.click(anna, round.buttons[round.right] as string, ON_SHARD_1);
    expect(await answerText(fake, click)).toContain("Deine Antwort ist gespeichert");
    const answers = "SELECT user_id, question_id, points FROM answers ORDER BY id";
    const before = await stateRows(state(), answers);

    const [killed] = pidsOf(1);
    process.kill(killed as number, "SIGKILL");
    await fake.waitFor(() => pidsOf(1).length === 2 || undefined, 20_000);
    await fake.waitFor(
      () =>
        manager.logLines().filter((l) => l.msg === "shard ready" && l.shard === 1).length >= 2 ||
        undefined,
      60_000,
    );
    await fake.waitFor(() => fake.connectedShards().join() === "0,1" || undefined, 20_000);
    expect(
      await stateRows(state(), "SELECT status FROM rounds WHERE id = ?", round.roundId),
    ).toEqual([{ status: "interrupted" }]);
    expect(await stateRows(state(), answers)).toEqual(before);
  }, 90_000);

  it("stops every shard on SIGTERM, each closing its open round, and starts none again", async () => {
    const rounds = await Promise.all([
      startRound(fake, database.url, anna, ON_SHARD_0),
      startRound(fake, database.url, anna, ON_SHARD_1),
    ]);
    const shardPids = [pidsOf(0).at(-1), pidsOf(1).at(-1)] as number[];
    const exited = new Promise<number | null>((resolve) =>
      manager.child.once("exit", (code) => resolve(code)),
    );
    manager.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(shardPids.filter(alive)).toEqual([]);
    const statuses = await stateRows(
      state(),
      "SELECT status FROM rounds WHERE id IN (?, ?)",
      rounds[0]?.roundId,
      rounds[1]?.roundId,
    );
    expect(statuses).toEqual([{ status: "interrupted" }, { status: "interrupted" }]);
    const lines = manager.logLines();
    expect(lines.filter((l) => l.msg === "shutting down").map((l) => l.interrupted)).toEqual([
      1, 1,
    ]);
    expect(pidsOf(0).length + pidsOf(1).length).toBe(3);
    expect(fake.interactionsNotAnsweredOnce()).toEqual([]);
  }, 60_000);

  /** Shard 0 started as the manager starts it (with an IPC channel), but with no manager. */
  const shardZeroAsManaged = (options: Partial<Parameters<typeof startBotProcess>[1]> = {}) =>
    startBotProcess(fake, {
      token: "manager-token",
      databasePath: shardIndexPath(join(dir, "search-index.sqlite"), 0),
      postgresUrl: database.url,
      env: { SHARD_COUNT: "2", SHARDS: "0" },
      ipc: true,
      ...options,
    });
  const exitOf = (bot: BotProcess) =>
    new Promise<number | null>((resolve) => bot.child.once("exit", (code) => resolve(code)));

  it("lets a shard process stop, closing its round, when its manager is gone", async () => {
    const orphan = await shardZeroAsManaged();
    const round = await startRound(fake, database.url, anna, ON_SHARD_0);
    const exited = exitOf(orphan);
    orphan.child.disconnect();
    expect(await exited).toBe(0);
    expect(orphan.logLines().find((l) => l.msg === "stopping")?.signal).toBe("manager gone");
    expect(
      await stateRows(state(), "SELECT status FROM rounds WHERE id = ?", round.roundId),
    ).toEqual([{ status: "interrupted" }]);
  }, 60_000);

  it("lets a shard process whose manager went while it was starting stop once it is up", async () => {
    const early = await shardZeroAsManaged({ started: () => true });
    const exited = exitOf(early);
    early.child.disconnect();
    expect(await exited).toBe(0);
    expect(early.logLines().find((l) => l.msg === "stopping")?.signal).toBe("manager gone");
  }, 60_000);
});

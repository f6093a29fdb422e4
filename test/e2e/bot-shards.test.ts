import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotProcess } from "../support/bot-process.ts";
import { FakeDiscord, GUILD_ID, GUILD_SHARD_1_ID } from "../support/fake-discord.ts";

// `npm start` with SHARD_COUNT=2: one process runs both gateway shards. Against a fake that gave
// every shard every interaction, each /cite was answered twice; each must be answered once.

const anna = { id: "710000000000000021", name: "Anna" };
const cite = (query: string) => [{ name: "query", type: 3, value: query }];

let fake: FakeDiscord;
let dir: string;
let child: ChildProcess;

beforeAll(async () => {
  fake = new FakeDiscord({ shardCount: 2 });
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), "beleg-bot-shards-"));
  ({ child } = await startBotProcess(fake, {
    token: "shards-token",
    databasePath: join(dir, "beleg.sqlite"),
    shards: { count: 2 },
    // Indexing the corpus into the fresh database took 13 s on a busy machine.
    readyTimeoutMs: 50_000,
  }));
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the bot as two shards in one process against the fake Discord", () => {
  it("identifies as both shards and answers each interaction once, on its server's shard", async () => {
    expect(fake.connectedShards()).toEqual([0, 1]);
    const ids = [
      fake.command(anna, "cite", cite("Golden Dome Kosten"), { guildId: GUILD_ID }),
      fake.command(anna, "cite", cite("Starlink Satelliten"), { guildId: GUILD_SHARD_1_ID }),
      fake.command(anna, "cite", cite("Golden Dome Kosten"), { inGuild: false }),
    ];
    expect(ids.map((id) => fake.deliveredTo.get(id))).toEqual([[0], [1], [0]]);
    for (const id of ids) {
      await fake.waitFor(() => fake.payloadsOf(id).find((p) => Array.isArray(p.embeds)), 15_000);
    }
    // A later command on each shard: a second copy of one above would have been handled by now.
    const later = [GUILD_ID, GUILD_SHARD_1_ID].map((guildId) =>
      fake.command(anna, "cite", cite("Starlink"), { guildId }),
    );
    for (const id of later) await fake.waitFor(() => fake.callbackOf(id), 15_000);
    expect(fake.interactionsNotAnsweredOnce()).toEqual([]);
    expect(fake.undeliveredInteractions()).toEqual([]);
  }, 60_000);
});

import { Client, Events, GatewayIntentBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FakeDiscord,
  type FakeUser,
  GUILD_B_ID,
  GUILD_ID,
  GUILD_SHARD_1_ID,
  shardOf,
} from "../support/fake-discord.ts";

// Two real discord.js clients, one per shard of two, against the fake: what a sharded bot sees.

const user: FakeUser = { id: "730000000000000011", name: "Ida" };

interface ShardClient {
  readonly client: Client;
  /** Ids of the interactions this client received, in order. */
  readonly seen: string[];
}

let fake: FakeDiscord;
const shards: ShardClient[] = [];

/** A client running only `shard` of 2 that answers every command once. */
async function shardClient(shard: number): Promise<ShardClient> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    shards: [shard],
    shardCount: 2,
    rest: { api: fake.apiUrl, retries: 0, timeout: 2000 },
  });
  const seen: string[] = [];
  client.on(Events.InteractionCreate, (interaction) => {
    seen.push(interaction.id);
    if (interaction.isChatInputCommand()) void interaction.reply({ content: `shard ${shard}` });
  });
  await client.login("fake-token");
  await fake.waitFor(() => client.isReady() || undefined);
  return { client, seen };
}

/** Waits until `marker` reached `to`, so anything sent to it earlier has arrived too. */
const received = (to: ShardClient, marker: string) =>
  fake.waitFor(() => to.seen.includes(marker) || undefined);

beforeAll(async () => {
  fake = new FakeDiscord({ shardCount: 2 });
  await fake.start();
  shards.push(await shardClient(0), await shardClient(1));
}, 30_000);

afterAll(async () => {
  for (const { client } of shards) await client.destroy();
  await fake?.stop();
});

describe("the fake Discord with two shards", () => {
  it("recommends the shard count it was started with", async () => {
    const response = await fetch(`${fake.apiUrl}/v10/gateway/bot`);
    expect(await response.json()).toMatchObject({ shards: 2 });
  });

  it("puts the fixture servers on the shards Discord's formula gives", () => {
    expect([GUILD_ID, GUILD_B_ID, GUILD_SHARD_1_ID].map((g) => shardOf(g, 2))).toEqual([0, 0, 1]);
    expect([GUILD_ID, GUILD_B_ID, GUILD_SHARD_1_ID].map((g) => shardOf(g, 1))).toEqual([0, 0, 0]);
  });

  it("gives each shard only its own servers", () => {
    const [zero, one] = shards.map(({ client }) => [...client.guilds.cache.keys()].sort());
    expect(zero).toEqual([GUILD_ID, GUILD_B_ID].sort());
    expect(one).toEqual([GUILD_SHARD_1_ID]);
    expect(fake.connectedShards()).toEqual([0, 1]);
  });

  it("delivers a server's interaction only to its shard, a DM only to shard 0", async () => {
    const [zero, one] = shards as [ShardClient, ShardClient];
    const inShard1 = fake.command(user, "cite", [], { guildId: GUILD_SHARD_1_ID });
    const dm = fake.command(user, "cite", [], { inGuild: false });
    const inShard0 = fake.command(user, "cite", [], { guildId: GUILD_B_ID });
    // Each client's events come in the order sent: once it has the last, it has all it will get.
    await received(zero, inShard0);
    await received(one, inShard1);
    const marker = fake.command(user, "cite", [], { guildId: GUILD_SHARD_1_ID });
    await received(one, marker);
    expect(zero.seen).toEqual([dm, inShard0]);
    expect(one.seen).toEqual([inShard1, marker]);
    expect(fake.deliveredTo.get(inShard1)).toEqual([1]);
    expect(fake.deliveredTo.get(dm)).toEqual([0]);
  });

  it("counts callbacks per interaction: each command above answered once", async () => {
    await fake.waitFor(() => fake.interactionsNotAnsweredOnce().length === 0 || undefined);
    const ids = [...fake.deliveredTo.keys()];
    expect(ids.map((id) => fake.callbackCount(id))).toEqual(ids.map(() => 1));
    expect(fake.payloadsOf(ids[0] as string)).toEqual([
      expect.objectContaining({ content: "shard 1" }),
    ]);
  });

  it("counts a second callback and a missing one", async () => {
    const [zero] = shards as [ShardClient];
    const twice = fake.command(user, "twice", [], { guildId: GUILD_ID });
    await received(zero, twice);
    await fake.waitFor(() => fake.callbackCount(twice) === 1 || undefined);
    const token = fake.issuedTokens().at(-1);
    await fetch(`${fake.apiUrl}/v10/interactions/${twice}/${token}/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: 4, data: { content: "again" } }),
    });
    const unanswered = fake.click(user, "no-handler", { guildId: GUILD_ID });
    await received(zero, unanswered);
    expect(fake.interactionsNotAnsweredOnce()).toEqual([
      { id: twice, callbacks: 2 },
      { id: unanswered, callbacks: 0 },
    ]);
  });

  it("keeps a shard's interaction from the others while that shard is down", async () => {
    const [zero, one] = shards as [ShardClient, ShardClient];
    await one.client.destroy();
    await fake.waitFor(() => fake.connectedShards().join() === "0" || undefined);
    const lost = fake.command(user, "cite", [], { guildId: GUILD_SHARD_1_ID });
    const marker = fake.command(user, "cite", [], { guildId: GUILD_ID });
    await received(zero, marker);
    expect(zero.seen).not.toContain(lost);
    expect(fake.undeliveredInteractions()).toEqual([lost]);
  });
});

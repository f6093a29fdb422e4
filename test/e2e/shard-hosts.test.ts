import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ApplicationCommandOptionType as T } from "discord.js";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as schema from "../../src/db/schema.ts";
import { createCorpusSearch } from "../../src/search/searcher.ts";
import { type BotProcess, startBotProcess } from "../support/bot-process.ts";
import {
  CHANNEL_ID,
  CHANNEL_SHARD_1_ID,
  FakeDiscord,
  type FakeUser,
  GUILD_ID,
  GUILD_SHARD_1_ID,
} from "../support/fake-discord.ts";
import {
  describePg,
  pgTestDatabase,
  type TestCluster,
  type TestDatabase,
  testCluster,
} from "../support/pg-cluster.ts";
import { answerText, prebuiltIndexes, startRound } from "../support/shard-processes.ts";
import { stateRows } from "../support/state-rows.ts";

const anna: FakeUser = { id: "780000000000000001", name: "Anna" };
const ben: FakeUser = { id: "780000000000000002", name: "Ben" };
const lea: FakeUser = { id: "780000000000000003", name: "Lea", manageGuild: true };

const ON_SHARD_0 = { guildId: GUILD_ID, channelId: CHANNEL_ID };
const ON_SHARD_1 = { guildId: GUILD_SHARD_1_ID, channelId: CHANNEL_SHARD_1_ID };

const article = (title: string, sentence: string) =>
  ["---", `title: ${title}`, "language: de", "---", "", sentence].join("\n");

/**
 * Two hosts: two independent bot processes of one shard count (SHARD_COUNT=2), one running
 * shard 0 and one shard 1, each with its own data folder and search index, on one PostgreSQL
 * database, against a fake Discord that routes each server's interactions to its shard only.
 */
describePg(
  "two hosts, one shard each, on one PostgreSQL database",
  () => {
    let cluster: TestCluster;
    let database: TestDatabase;
    let fake: FakeDiscord;
    let dir: string;
    const hosts: { a?: BotProcess; b?: BotProcess } = {};
    const indexOf = (host: "a" | "b") => join(dir, host, "search-index.sqlite");
    const state = () => ({ postgresUrl: database.url });

    const startHost = (host: "a" | "b") =>
      startBotProcess(fake, {
        token: "two-hosts-token",
        databasePath: indexOf(host),
        postgresUrl: database.url,
        env: { SHARD_COUNT: "2", SHARDS: host === "a" ? "0" : "1" },
        readyTimeoutMs: 60_000,
      });

    beforeAll(async () => {
      cluster = await testCluster();
      database = await pgTestDatabase(cluster);
      fake = new FakeDiscord({ shardCount: 2 });
      await fake.start();
      dir = mkdtempSync(join(tmpdir(), "beleg-hosts-"));
      for (const host of ["a", "b"] as const) mkdirSync(join(dir, host));
      await prebuiltIndexes(database.url, [indexOf("a"), indexOf("b")]);
      [hosts.a, hosts.b] = await Promise.all([startHost("a"), startHost("b")]);
      await fake.waitFor(() => fake.connectedShards().join() === "0,1" || undefined, 20_000);
    }, 120_000);

    afterAll(async () => {
      for (const host of [hosts.a, hosts.b]) if (host?.child.exitCode === null) host.child.kill();
      await fake?.stop();
      await database?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("plays a round in a server of each shard at once, each served by its own process, and both leaderboards and /stats match the stored scores", async () => {
      const [zero, one] = await Promise.all([
        startRound(fake, database.url, anna, ON_SHARD_0),
        startRound(fake, database.url, anna, ON_SHARD_1),
      ]);
      const clicks = [
        fake.click(anna, zero.buttons[zero.right] as string, ON_SHARD_0),
        fake.click(anna, one.buttons[one.right] as string, ON_SHARD_1),
        fake.click(ben, one.buttons[(one.right + 1) % one.buttons.length] as string, ON_SHARD_1),
      ];
      for (const click of clicks)
        expect(await answerText(fake, click)).toContain("Deine Antwort ist gespeichert");
      expect(clicks.map((c) => fake.deliveredTo.get(c))).toEqual([[0], [1], [1]]);

      for (const where of [ON_SHARD_0, ON_SHARD_1]) {
        const [stored] = await stateRows(
          state(),
          "SELECT points FROM scores WHERE guild_id = ? AND user_id = ?",
          where.guildId,
          anna.id,
        );
        expect(Number(stored?.points)).toBeGreaterThan(0);
        const board = await answerText(fake, fake.command(ben, "leaderboard", [], where));
        expect(board).toContain("Anna");
        expect(board).toContain(String(stored?.points));
        const stats = await answerText(fake, fake.command(anna, "stats", [], where));
        expect(stats).toContain("Trefferquote");
        expect(stats).toContain(String(stored?.points));
        const stop = fake.command(anna, "quiz", [{ name: "stop", type: T.Subcommand }], where);
        expect(await answerText(fake, stop)).toContain("beendet");
      }
    }, 60_000);

    it("gives /review in a DM, which shard 0 serves, the question missed in the server of shard 1", async () => {
      const [missed] = await stateRows(
        state(),
        `SELECT q.prompt FROM answers a JOIN round_questions q ON q.id = a.question_id
         WHERE a.user_id = ? AND a.guild_id = ?`,
        ben.id,
        GUILD_SHARD_1_ID,
      );
      expect(missed).toBeDefined();
      // A missed claim is due again after its first learning step: let that time pass.
      await stateRows(state(), "UPDATE review_cards SET due = 0 WHERE user_id = ?", ben.id);
      const review = fake.command(ben, "review", [], { inGuild: false });
      expect(fake.deliveredTo.get(review)).toEqual([0]);
      const shown = (await answerText(fake, review)).replaceAll("\\", "");
      expect(shown).toContain(String(missed?.prompt).slice(0, 30));
    }, 30_000);

    it("cites an article uploaded through the process of shard 0 from the index of the other", async () => {
      const file = fake.attach(
        "quastenflosser.md",
        article("Der Quastenflosser", "Der Quastenflosser Latimeria lebt vor den Komoren."),
      );
      expect(await addToLibrary(fake, lea, file, ON_SHARD_0)).toContain(
        "ist jetzt in der Bibliothek",
      );
      const told = performance.now();
      const seen = await citedThroughIndex(indexOf("b"), "Quastenflosser Komoren", GUILD_ID);
      console.info(
        `library upload on shard 0 cited from shard 1's index after ${Math.round(seen - told)} ms`,
      );
    }, 30_000);

    it("closes the round of a process killed mid-round when it comes back, keeping what was stored and nothing else", async () => {
      const round = await startRound(fake, database.url, anna, ON_SHARD_1);
      const click = fake.click(anna, round.buttons[round.right] as string, ON_SHARD_1);
      expect(await answerText(fake, click)).toContain("Deine Antwort ist gespeichert");
      const answers = "SELECT user_id, question_id, points FROM answers ORDER BY id";
      const scores = "SELECT guild_id, user_id, points, answered FROM scores ORDER BY 1, 2";
      const before = {
        answers: await stateRows(state(), answers),
        scores: await stateRows(state(), scores),
      };

      const killed = hosts.b as BotProcess;
      const exited = new Promise((resolve) => killed.child.once("exit", resolve));
      killed.child.kill("SIGKILL");
      await exited;
      hosts.b = await startHost("b");
      await fake.waitFor(() => fake.connectedShards().join() === "0,1" || undefined, 20_000);

      expect(
        await stateRows(state(), "SELECT status FROM rounds WHERE id = ?", round.roundId),
      ).toEqual([{ status: "interrupted" }]);
      expect(await stateRows(state(), answers)).toEqual(before.answers);
      expect(await stateRows(state(), scores)).toEqual(before.scores);
      // The channel is free again, on the restarted process.
      const next = await startRound(fake, database.url, ben, ON_SHARD_1);
      const stop = fake.command(ben, "quiz", [{ name: "stop", type: T.Subcommand }], ON_SHARD_1);
      expect(await answerText(fake, stop)).toContain("beendet");
      expect(next.roundId).toBeGreaterThan(round.roundId);
    }, 90_000);

    it("answers 'not stored' in both processes while PostgreSQL restarts, cites from the local indexes, and hears library changes again after it", async () => {
      const round = await startRound(fake, database.url, anna, ON_SHARD_0);
      await cluster.stop();
      try {
        const refused = fake.click(ben, round.buttons[round.right] as string, ON_SHARD_0);
        expect(await answerText(fake, refused)).toContain("nicht gespeichert");
        for (const where of [ON_SHARD_0, ON_SHARD_1]) {
          const cite = fake.command(
            anna,
            "cite",
            [{ name: "query", type: T.String, value: "Kuiper Satelliten" }],
            where,
          );
          expect(await answerText(fake, cite)).toContain("Kuiper");
        }
      } finally {
        await cluster.start();
      }
      const stored = fake.click(ben, round.buttons[round.right] as string, ON_SHARD_0);
      expect(await answerText(fake, stored)).toContain("Deine Antwort ist gespeichert");

      const file = fake.attach(
        "tiefsee.md",
        article("Die Tiefsee", "Der Anglerfisch trägt eine leuchtende Angel vor dem Maul."),
        "text/plain",
        { channelId: CHANNEL_SHARD_1_ID },
      );
      const other = { ...lea, id: "780000000000000004" };
      expect(await addToLibrary(fake, other, file, ON_SHARD_1)).toContain(
        "ist jetzt in der Bibliothek",
      );
      await citedThroughIndex(indexOf("a"), "Anglerfisch leuchtende Angel", GUILD_SHARD_1_ID);
      const stop = fake.command(anna, "quiz", [{ name: "stop", type: T.Subcommand }], ON_SHARD_0);
      expect(await answerText(fake, stop)).toContain("beendet");
    }, 90_000);

    it("answered every interaction exactly once, in the process of its shard", () => {
      expect(fake.interactionsNotAnsweredOnce()).toEqual([]);
    });
  },
  true,
);

/**
 * Polls a process's search index file, as its /cite reads it, until a server's query finds one
 * of that server's own articles; resolves with the time it was seen.
 */
/** `/library add` of an attached file by `user` in a channel of a shard; the answer's text. */
function addToLibrary(
  fake: FakeDiscord,
  user: FakeUser,
  file: ReturnType<FakeDiscord["attach"]>,
  where: typeof ON_SHARD_0,
): Promise<string> {
  const options = [{ name: "file", type: T.Attachment, value: file.id }];
  const add = fake.command(user, "library", [{ name: "add", type: T.Subcommand, options }], {
    ...where,
    attachments: [file],
  });
  return answerText(fake, add);
}

async function citedThroughIndex(path: string, query: string, guildId: string): Promise<number> {
  const file = new Database(path, { readonly: true });
  try {
    const search = createCorpusSearch(drizzle(file, { schema }));
    const end = Date.now() + 20_000;
    for (;;) {
      const found = search
        .search(query, { guildId })
        .some((r) => r.articleId.startsWith(`g${guildId}-`));
      if (found) return performance.now();
      if (Date.now() > end) throw new Error(`"${query}" not cited from ${path}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    file.close();
  }
}

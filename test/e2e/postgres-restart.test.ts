import { ApplicationCommandOptionType } from "discord.js";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { type BotAgainstFake, startBotAgainstFake } from "../support/bot-against-fake.ts";
import { CHANNEL_ID } from "../support/fake-discord.ts";
import {
  describePg,
  pgTestDatabase,
  type TestCluster,
  type TestDatabase,
  testCluster,
} from "../support/pg-cluster.ts";
import { stateRows } from "../support/state-rows.ts";

const anna = { id: "760000000000000001", name: "Anna" };
const ben = { id: "760000000000000002", name: "Ben" };

describePg(
  "the bot on PostgreSQL while the server restarts",
  () => {
    let cluster: TestCluster;
    let database: TestDatabase;
    let running: BotAgainstFake;

    beforeAll(async () => {
      cluster = await testCluster();
      database = await pgTestDatabase(cluster);
      running = await startBotAgainstFake(createLogger("silent"), {
        postgresUrl: database.url,
      });
    }, 120_000);

    afterAll(async () => {
      await running?.stop();
      await database?.close();
    });

    const callbackText = async (id: string) =>
      JSON.stringify(await running.fake.waitFor(() => running.fake.callbackOf(id), 10_000));

    /** Starts a one-question round in `channelId` and returns its answer buttons. */
    async function startRound(channelId: string): Promise<string[]> {
      const { fake } = running;
      const start = fake.command(
        anna,
        "quiz",
        [
          {
            name: "start",
            type: ApplicationCommandOptionType.Subcommand,
            options: [
              { name: "questions", type: ApplicationCommandOptionType.Integer, value: 1 },
              { name: "kind", type: ApplicationCommandOptionType.String, value: "mc" },
              { name: "seconds", type: ApplicationCommandOptionType.Integer, value: 60 },
            ],
          },
        ],
        { channelId },
      );
      await fake.waitFor(() => fake.callbackOf(start));
      const question = await fake.waitFor(() =>
        fake.requests.find(
          (r) => r.method === "POST" && r.path === `/api/v10/channels/${channelId}/messages`,
        ),
      );
      return (
        question.body as { components: { components: { custom_id: string }[] }[] }
      ).components[0]?.components.map((b) => b.custom_id) as string[];
    }

    it("answers 'not stored, try again' while the server is down, cites from the local index, and stores again once it is back", async () => {
      const { fake, t } = running;
      const start = fake.command(anna, "quiz", [
        {
          name: "start",
          type: ApplicationCommandOptionType.Subcommand,
          options: [
            { name: "questions", type: ApplicationCommandOptionType.Integer, value: 1 },
            { name: "kind", type: ApplicationCommandOptionType.String, value: "mc" },
            { name: "seconds", type: ApplicationCommandOptionType.Integer, value: 60 },
          ],
        },
      ]);
      await fake.waitFor(() => fake.callbackOf(start));
      const question = await fake.waitFor(() =>
        fake.requests.find(
          (r) => r.method === "POST" && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`,
        ),
      );
      const buttons = (
        question.body as { components: { components: { custom_id: string }[] }[] }
      ).components[0]?.components.map((b) => b.custom_id) as string[];

      await cluster.stop();
      try {
        const refused = await callbackText(fake.click(anna, buttons[0] as string));
        expect(refused).toContain("nicht gespeichert");
        const cite = fake.command(anna, "cite", [
          { name: "query", type: ApplicationCommandOptionType.String, value: "Kuiper Satelliten" },
        ]);
        // The search index is this process's own file: /cite does not need the server.
        const cited = await fake.waitFor(() =>
          fake.payloadsOf(cite).find((p) => Array.isArray(p.embeds) && p.embeds.length > 0),
        );
        expect(JSON.stringify(cited)).toContain("Kuiper");
      } finally {
        await cluster.start();
      }

      const again = await callbackText(fake.click(anna, buttons[0] as string));
      expect(again).toContain("Deine Antwort ist gespeichert");
      expect(await callbackText(fake.click(ben, buttons[1] as string))).toContain(
        "Deine Antwort ist gespeichert",
      );
      const stored = await stateRows(t, "SELECT user_id FROM answers ORDER BY user_id");
      expect(stored).toEqual([{ user_id: anna.id }, { user_id: ben.id }]);
    }, 120_000);

    it("acknowledges the click and answers 'not stored' while another session locks the scores, and stores once it lets go", async () => {
      const { fake } = running;
      const buttons = await startRound("730000000000000009");
      const holder = new pg.Client({ connectionString: database.url });
      await holder.connect();
      try {
        await holder.query("BEGIN");
        await holder.query("LOCK TABLE scores IN ACCESS EXCLUSIVE MODE");
        const click = fake.click(anna, buttons[0] as string, { channelId: "730000000000000009" });
        // The click is acknowledged within Discord's window, and the answer follows privately.
        const refused = await fake.waitFor(
          () =>
            [
              JSON.stringify(fake.callbackOf(click) ?? ""),
              ...fake.payloadsOf(click).map((p) => JSON.stringify(p)),
            ].find((text) => text.includes("nicht gespeichert")),
          10_000,
        );
        expect(refused).toContain("nicht gespeichert");
        expect(fake.callbackOf(click)).toBeDefined();
      } finally {
        await holder.query("ROLLBACK");
        await holder.end();
      }
      const again = fake.click(anna, buttons[0] as string, { channelId: "730000000000000009" });
      const stored = await fake.waitFor(
        () =>
          [
            JSON.stringify(fake.callbackOf(again) ?? ""),
            ...fake.payloadsOf(again).map((p) => JSON.stringify(p)),
          ].find((text) => text.includes("Deine Antwort ist gespeichert")),
        10_000,
      );
      expect(stored).toContain("gespeichert");
    }, 60_000);
  },
  true,
);

import { ApplicationCommandOptionType as T } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotAgainstFake, startBotAgainstFake } from "../support/bot-against-fake.ts";
import { type FakeDiscord, type FakeUser, GUILD_B_ID } from "../support/fake-discord.ts";

const librarian: FakeUser = { id: "720000000000000001", name: "Lea", manageGuild: true };
const reader: FakeUser = { id: "720000000000000009", name: "Rita" };

let running: BotAgainstFake;
let fake: FakeDiscord;

beforeAll(async () => {
  running = await startBotAgainstFake();
  fake = running.fake;
});
afterAll(() => running?.stop());

const latencyOf = (id: string) => (fake.callbackAt(id) ?? Number.NaN) - (fake.sentAt.get(id) ?? 0);
/** Until the interaction's answer itself (after a defer, its edit) arrived. */
const answeredAfter = (id: string) =>
  Math.max(...fake.responsesOf(id).map((r) => r.at)) - (fake.sentAt.get(id) ?? 0);
const finalText = (id: string) =>
  fake.payloadsOf(id).find((p) => typeof p.content === "string" && p.content !== "")?.content as
    | string
    | undefined;

describe("a library job and the other servers", () => {
  it("answers another server's /cite while one server's 300 kB one-paragraph upload is analysed", async () => {
    // The upload that froze every server for a minute: one paragraph of "Ab. Ab. …".
    const file = fake.attach("ab.md", "Ab. ".repeat(74_000).trim());
    const upload = fake.command(
      librarian,
      "library",
      [
        {
          name: "add",
          type: T.Subcommand,
          options: [
            { name: "file", type: T.Attachment, value: file.id },
            { name: "title", type: T.String, value: "Ab" },
          ],
        },
      ],
      { attachments: [file] },
    );
    const cites: string[] = [];
    const answeredBefore: string[] = [];
    while (finalText(upload) === undefined && cites.length < 200) {
      const cite = fake.command(
        reader,
        "cite",
        [{ name: "query", type: T.String, value: "Wer baut die Mondbasis?" }],
        { guildId: GUILD_B_ID },
      );
      cites.push(cite);
      await fake.waitFor(() => fake.payloadsOf(cite).find((p) => Array.isArray(p.embeds)), 120_000);
      if (finalText(upload) === undefined) answeredBefore.push(cite);
    }
    const told = await fake.waitFor(() => finalText(upload), 120_000);
    expect(told).toContain("„Ab“ ist jetzt in der Bibliothek");
    // While the job ran, the other server was answered (the event loop was not held).
    expect(answeredBefore.length).toBeGreaterThan(0);
    const spread = (values: number[]) => {
      const sorted = values.sort((a, b) => a - b);
      const at = (q: number) => Math.round(sorted[Math.floor(q * (sorted.length - 1))] ?? 0);
      return `median ${at(0.5)} ms, max ${at(1)} ms`;
    };
    console.log(
      `other server's /cite during a 300 kB one-paragraph upload: ${cites.length} answered, ` +
        `${answeredBefore.length} before the upload's answer; first answer ` +
        `${spread(cites.map(latencyOf))}; cited passages ${spread(cites.map(answeredAfter))}; ` +
        `the upload's first answer after ${Math.round(latencyOf(upload))} ms, ` +
        `its result after ${Math.round(answeredAfter(upload))} ms`,
    );
  }, 180_000);
});

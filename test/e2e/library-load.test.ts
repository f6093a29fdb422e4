import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApplicationCommandOptionType as T } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotProcess } from "../support/bot-process.ts";
import { FakeDiscord, type FakeUser, GUILD_B_ID } from "../support/fake-discord.ts";
import { testStateDatabase } from "../support/state-rows.ts";

const librarian: FakeUser = { id: "720000000000000001", name: "Lea", manageGuild: true };
const reader: FakeUser = { id: "720000000000000009", name: "Rita" };

let fake: FakeDiscord;
let dir: string;
let child: ChildProcess;
let state: Awaited<ReturnType<typeof testStateDatabase>>;

// The bot in a process of its own, as the red team ran it: while it is busy, this process (and
// the fake Discord in it) still sends interactions and times their answers.
beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), "beleg-library-load-"));
  state = await testStateDatabase();
  ({ child } = await startBotProcess(fake, {
    token: "load-token",
    databasePath: join(dir, "beleg.sqlite"),
    postgresUrl: state.postgresUrl,
  }));
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await fake?.stop();
  await state?.close();
  rmSync(dir, { recursive: true, force: true });
});

const firstAnswerAfter = (id: string) =>
  (fake.callbackAt(id) ?? Number.NaN) - (fake.sentAt.get(id) ?? 0);
/** Until the interaction's answer itself (after a defer, its edit) arrived. */
const answeredAfter = (id: string) =>
  Math.max(...fake.responsesOf(id).map((r) => r.at)) - (fake.sentAt.get(id) ?? 0);
const finalText = (id: string) =>
  fake.payloadsOf(id).find((p) => typeof p.content === "string" && p.content !== "")?.content as
    | string
    | undefined;
const spread = (values: number[]) => {
  const sorted = values.sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.floor(q * (sorted.length - 1))] ?? 0);
  return `median ${at(0.5)} ms, max ${at(1)} ms`;
};

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
    // The analysis starts once the bot has the file.
    await fake.waitFor(
      () => fake.requests.some((r) => r.path.includes(`/attachments/`)) || undefined,
      60_000,
    );
    const cites: string[] = [];
    let answeredBefore = 0;
    while (finalText(upload) === undefined && cites.length < 200) {
      const cite = fake.command(
        reader,
        "cite",
        [{ name: "query", type: T.String, value: "Wer baut die Mondbasis?" }],
        { guildId: GUILD_B_ID },
      );
      cites.push(cite);
      await fake.waitFor(() => fake.payloadsOf(cite).find((p) => Array.isArray(p.embeds)), 600_000);
      if (finalText(upload) === undefined) answeredBefore++;
    }
    const told = await fake.waitFor(() => finalText(upload), 600_000);
    expect(told).toContain("„Ab“ ist jetzt in der Bibliothek");
    console.log(
      `other server's /cite during a 300 kB one-paragraph upload: ${cites.length} answered, ` +
        `${answeredBefore} before the upload's result; first answer ` +
        `${spread(cites.map(firstAnswerAfter))}; cited passages ${spread(cites.map(answeredAfter))}; ` +
        `the upload's first answer after ${Math.round(firstAnswerAfter(upload))} ms, ` +
        `its result after ${Math.round(answeredAfter(upload))} ms`,
    );
    // While the job ran, the other server was answered again and again: its event loop was free.
    expect(answeredBefore).toBeGreaterThan(1);
  }, 900_000);
});

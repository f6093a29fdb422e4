import { ApplicationCommandOptionType as T } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { type BotAgainstFake, startBotAgainstFake } from "../support/bot-against-fake.ts";
import type { FakeUser } from "../support/fake-discord.ts";

const librarian: FakeUser = { id: "720000000000000001", name: "Lea", manageGuild: true };
const mod = { id: "m1", name: "Mira" };

let running: BotAgainstFake;
beforeAll(async () => {
  // One worker for all servers: the upload below waits behind other servers' jobs.
  running = await startBotAgainstFake(createLogger("silent"), { libraryJobs: { workers: 1 } });
});
afterAll(() => running?.stop());

const sentence = (i: number) => `Die Station ${i} baut die Firma Werk${i} aus Bremen.`;
const big = {
  filename: "grossbau.md",
  text: Array.from({ length: 5500 }, (_, i) => sentence(i)).join(" "),
};

describe("an upload that waits for a library worker", () => {
  it('answers "thinking…" first, then the result, with the title the file suggests', async () => {
    const { fake, t } = running;
    // Twenty other servers' big uploads hold the one worker, one after another, for longer than
    // the 2 s an upload may take before it is deferred, even on a fast machine.
    const others = Array.from({ length: 20 }, (_, i) =>
      t.app.library.add(`3000000000000000${String(i).padStart(2, "0")}`, mod, big, "Großbau"),
    );
    const file = fake.attach("mondbasis.md", "# Die Mondbasis\n\nDie Firma Werk7 baut sie.");
    const upload = fake.command(
      librarian,
      "library",
      [
        {
          name: "add",
          type: T.Subcommand,
          options: [{ name: "file", type: T.Attachment, value: file.id }],
        },
      ],
      { attachments: [file] },
    );
    // Not the title form, which must be a first answer: the job was not done in time for it.
    expect(await fake.waitFor(() => fake.callbackOf(upload)?.type, 30_000)).toBe(5);
    const told = await fake.waitFor(
      () => fake.payloadsOf(upload).find((p) => typeof p.content === "string")?.content,
      120_000,
    );
    expect(told).toContain("„Die Mondbasis“ ist jetzt in der Bibliothek");
    for (const outcome of await Promise.all(others)) expect(outcome.kind).toBe("added");
  }, 180_000);
});

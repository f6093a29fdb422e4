import { ApplicationCommandOptionType, InteractionResponseType, MessageFlags } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotAgainstFake, startBotAgainstFake } from "../support/bot-against-fake.ts";
import {
  CHANNEL_ID,
  type FakeDiscord,
  GUILD_ID,
  type RecordedRequest,
} from "../support/fake-discord.ts";
import { stateRows } from "../support/state-rows.ts";
import type { TempApp } from "../support/temp-app.ts";

const anna = { id: "710000000000000001", name: "Anna" };
const ben = { id: "710000000000000002", name: "Ben" };
const cem = { id: "710000000000000003", name: "Cem" };
const mod = { id: "710000000000000004", name: "Mo", manageMessages: true };

let running: BotAgainstFake;
let fake: FakeDiscord;
let t: TempApp;

beforeAll(async () => {
  running = await startBotAgainstFake();
  ({ fake, t } = running);
});

afterAll(() => running?.stop());

/** Channel messages the bot posted after `since` (an index into fake.requests). */
function postedSince(since: number): RecordedRequest[] {
  return fake.requests
    .slice(since)
    .filter((r) => r.method === "POST" && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`);
}

function buttonsOf(request: RecordedRequest): { custom_id: string; label: string }[] {
  const body = request.body as {
    components?: { components: { custom_id: string; label: string }[] }[];
  };
  return (body.components ?? []).flatMap((row) => row.components);
}

/** The private text the bot answered an interaction with, once it has. */
async function privateAnswer(interactionId: string): Promise<string> {
  const payload = await fake.waitFor(() =>
    fake.payloadsOf(interactionId).find((p) => typeof p.content === "string" && p.content !== ""),
  );
  return payload.content as string;
}

function startRound(user: typeof anna, options: unknown[], locale = "de"): string {
  return fake.command(
    user,
    "quiz",
    [{ name: "start", type: ApplicationCommandOptionType.Subcommand, options }],
    { locale },
  );
}

/** The answers of the claim asked at a round's position, as stored. */
async function answersAsked(position: number): Promise<{ de: string; en: string }[]> {
  const [asked] = await stateRows(
    t,
    "SELECT claim_id FROM round_questions WHERE round_id = (SELECT max(id) FROM rounds) AND position = ?",
    position,
  );
  const row = t.db.$client
    .prepare("SELECT answers FROM claims WHERE id = ?")
    .get(asked?.claim_id) as { answers: string };
  return JSON.parse(row.answers) as { de: string; en: string }[];
}

describe("typed answers, points in the reveal, and reports through the fake Discord", () => {
  it("takes typed answers in a form, leniently, and shows the points each player earned", async () => {
    const since = fake.requests.length;
    const start = startRound(anna, [
      { name: "questions", type: ApplicationCommandOptionType.Integer, value: 1 },
      { name: "kind", type: ApplicationCommandOptionType.String, value: "typed" },
      { name: "seconds", type: ApplicationCommandOptionType.Integer, value: 10 },
    ]);
    expect(await privateAnswer(start)).toContain("einer Frage");
    const question = await fake.waitFor(() => postedSince(since)[0]);
    const [typeButton] = buttonsOf(question);
    expect(typeButton?.label).toContain("Antwort eingeben");
    expect(typeButton?.custom_id).toMatch(/^typed:\d+:0$/);

    const open = fake.click(anna, typeButton?.custom_id as string);
    const modal = (await fake.waitFor(() => fake.callbackOf(open))) as {
      type: number;
      data: {
        custom_id: string;
        title: string;
        components: { components: { custom_id: string }[] }[];
      };
    };
    expect(modal.type).toBe(InteractionResponseType.Modal);
    expect(modal.data.title).toBe("Deine Antwort");
    const formId = modal.data.custom_id;
    const field = modal.data.components[0]?.components[0]?.custom_id as string;

    const answer = ((await answersAsked(0))[0] as { de: string }).de;
    const sloppy = answer
      .toUpperCase()
      .replaceAll("Ü", "UE")
      .replaceAll("Ö", "OE")
      .replaceAll("Ä", "AE");
    const right = fake.submitModal(anna, formId, { [field]: answer });
    const alsoRight = fake.submitModal(cem, formId, { [field]: `  ${sloppy} ` });
    const wrong = fake.submitModal(ben, formId, { [field]: "Bratwurst" });
    expect(await privateAnswer(right)).toContain(`„${answer}“ ist gespeichert`);
    expect(await privateAnswer(alsoRight)).toContain("ist gespeichert");
    expect(await privateAnswer(wrong)).toContain("„Bratwurst“ ist gespeichert");
    const again = fake.submitModal(anna, formId, { [field]: "noch mal" });
    expect(await privateAnswer(again)).toContain("schon beantwortet");
    expect(fake.payloadsOf(again)[0]).toMatchObject({ flags: MessageFlags.Ephemeral });

    const reveal = await fake.waitFor(
      () => postedSince(since).find((r) => JSON.stringify(r.body).includes("Richtig lagen")),
      15_000,
    );
    const text = JSON.stringify(reveal.body);
    expect(text).toContain("richtig: 2 · falsch: 1");
    // "+" opens a Markdown list: the renderer escapes it, Discord shows "Anna +150".
    expect(text).toMatch(/Anna \*\*(\\\\)?\+\d+\*\*/);
    expect(text).toMatch(/Cem \*\*(\\\\)?\+\d+\*\*/);
    expect(text).not.toContain("Ben **");
    const late = fake.submitModal(ben, formId, { [field]: answer });
    expect(await privateAnswer(late)).toContain("Zu spät");
    const stored = await stateRows(
      t,
      "SELECT user_id, correct, option_index, typed_text FROM answers ORDER BY user_id",
    );
    expect(stored).toEqual([
      { user_id: anna.id, correct: 1, option_index: 0, typed_text: answer },
      { user_id: ben.id, correct: 0, option_index: -1, typed_text: "Bratwurst" },
      { user_id: cem.id, correct: 1, option_index: 0, typed_text: sloppy },
    ]);
    await fake.waitFor(() =>
      postedSince(since).find((r) => JSON.stringify(r.body).includes("Endstand")),
    );
  }, 30_000);

  it("lets players report a question; reported by two it rests until a moderator reviews it", async () => {
    const since = fake.requests.length;
    const start = startRound(
      anna,
      [
        { name: "questions", type: ApplicationCommandOptionType.Integer, value: 1 },
        { name: "kind", type: ApplicationCommandOptionType.String, value: "mc" },
        { name: "seconds", type: ApplicationCommandOptionType.Integer, value: 10 },
      ],
      "en-US",
    );
    expect(await privateAnswer(start)).toContain("A round of one question begins");
    const question = await fake.waitFor(() => postedSince(since)[0]);
    // Reports count towards resting only from members who played the round that asked it.
    for (const player of [anna, ben, cem])
      fake.click(player, buttonsOf(question)[0]?.custom_id as string);
    const reveal = await fake.waitFor(
      () => postedSince(since).find((r) => JSON.stringify(r.body).includes("Evidence")),
      15_000,
    );
    const report = buttonsOf(reveal).find((b) => b.label === "Report question");
    expect(report?.custom_id).toMatch(/^report:\d+:0$/);

    const open = fake.click(ben, report?.custom_id as string, undefined, "en-US");
    const modal = (await fake.waitFor(() => fake.callbackOf(open))) as {
      type: number;
      data: {
        custom_id: string;
        components: { components: { custom_id: string; label: string }[] }[];
      };
    };
    expect(modal.type).toBe(InteractionResponseType.Modal);
    const input = modal.data.components[0]?.components[0];
    expect(input?.label).toBe("What is wrong with this question?");
    const reason = (user: typeof ben, text: string) =>
      fake.submitModal(
        user,
        modal.data.custom_id,
        { [input?.custom_id as string]: text },
        {
          locale: "en-US",
        },
      );
    expect(await privateAnswer(reason(ben, "Two options are right @everyone"))).toContain(
      "your report is stored",
    );
    expect(await privateAnswer(reason(ben, "again"))).toContain("already reported");
    const claimId = (await stateRows(t, "SELECT claim_id FROM reports"))[0]?.claim_id as string;
    expect(await t.app.reports.resting(GUILD_ID)).toEqual(new Set());
    await privateAnswer(reason(cem, "Quelle sagt etwas anderes"));
    expect(await t.app.reports.resting(GUILD_ID)).toEqual(new Set([claimId]));

    const forbidden = fake.command(anna, "quiz", [
      { name: "reports", type: ApplicationCommandOptionType.Subcommand },
    ]);
    expect(await privateAnswer(forbidden)).toContain("nur Mitglieder");
    const list = fake.command(mod, "quiz", [
      { name: "reports", type: ApplicationCommandOptionType.Subcommand },
    ]);
    const listed = await fake.waitFor(() => fake.payloadsOf(list)[0]);
    expect(listed).toMatchObject({
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
    const shown = JSON.stringify(listed);
    expect(shown).toContain(`${claimId} · ruht`);
    expect(shown).toContain("2 Meldungen");
    expect(shown).toContain("Two options are right @everyone");
    expect(shown).toContain("Quelle sagt etwas anderes");
    const reviewed = (listed.components as { components: { custom_id: string }[] }[])[0]
      ?.components[0]?.custom_id as string;
    expect(reviewed).toBe(`reviewed:${claimId}`);

    expect(await privateAnswer(fake.click(anna, reviewed))).toContain("nur Mitglieder");
    expect(await t.app.reports.resting(GUILD_ID)).toEqual(new Set([claimId]));
    expect(await privateAnswer(fake.click(mod, reviewed))).toContain("erledigt");
    expect(await t.app.reports.resting(GUILD_ID)).toEqual(new Set());
    expect(
      await privateAnswer(
        fake.command(mod, "quiz", [
          { name: "reports", type: ApplicationCommandOptionType.Subcommand },
        ]),
      ),
    ).toContain("Keine offenen Meldungen");
  }, 30_000);

  it("refuses a forged form id politely", async () => {
    const forged = fake.submitModal(anna, "answer:999999:0", { answer: "x" });
    expect(await privateAnswer(forged)).toContain("Zu spät");
    const nonsense = fake.submitModal(anna, "cite:abc:0:0", { answer: "x" });
    expect(await privateAnswer(nonsense)).toContain("abgelaufen");
    const foreign = fake.submitModal(anna, "reason:999999:0", { reason: "x" });
    expect(await privateAnswer(foreign)).toContain("abgelaufen");
  });
});

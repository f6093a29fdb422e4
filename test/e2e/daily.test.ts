import { ApplicationCommandOptionType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { occurrenceOn } from "../../src/quiz/daily-schedule.ts";
import { type BotAgainstFake, startBotAgainstFake } from "../support/bot-against-fake.ts";
import {
  CHANNEL_ID,
  type FakeDiscord,
  GUILD_ID,
  type RecordedRequest,
} from "../support/fake-discord.ts";

const anna = { id: "710000000000000001", name: "Anna *fett*" };
const ben = { id: "710000000000000002", name: "@everyone" };
const mod = { id: "710000000000000004", name: "Mo", manageGuild: true };
const schedule = { time: "20:00", timeZone: "Europe/Berlin", hours: 2 };

let running: BotAgainstFake;
let fake: FakeDiscord;
/** The bot's clock, moved by the test (a day in the future: see daily-week.test.ts). */
let now = Date.parse("2040-03-23T12:00:00Z");

beforeAll(async () => {
  running = await startBotAgainstFake(undefined, { clock: () => now }, 50);
  ({ fake } = running);
});

afterAll(() => running?.stop());

const channelPosts = (): RecordedRequest[] =>
  fake.requests.filter(
    (r) => r.method === "POST" && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`,
  );

const bodyOf = (r: RecordedRequest) =>
  r.body as {
    nonce?: string;
    enforce_nonce?: boolean;
    allowed_mentions?: unknown;
    embeds?: { title?: string; fields?: { name: string; value: string }[] }[];
    components?: { components: { custom_id: string }[] }[];
  };

async function until(check: () => Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function privateAnswer(interactionId: string): Promise<string> {
  const payload = await fake.waitFor(() =>
    fake.payloadsOf(interactionId).find((p) => typeof p.content === "string" && p.content !== ""),
  );
  return payload.content as string;
}

const daily = (
  user: { id: string; name: string; manageGuild?: boolean },
  sub: string,
  options: unknown[] = [],
  locale = "de",
) =>
  fake.command(
    user,
    "daily",
    [{ name: sub, type: ApplicationCommandOptionType.Subcommand, options }],
    {
      locale,
    },
  );

describe("the question of the day against the fake Discord", () => {
  it("is set up by a moderator, posted with a nonce, answered once, revealed with names unpinged", async () => {
    const refused = daily(anna, "start", [
      { name: "channel", type: ApplicationCommandOptionType.Channel, value: CHANNEL_ID },
      { name: "time", type: ApplicationCommandOptionType.String, value: "20:00" },
    ]);
    expect(await privateAnswer(refused)).toContain("Server verwalten");
    const started = daily(mod, "start", [
      { name: "channel", type: ApplicationCommandOptionType.Channel, value: CHANNEL_ID },
      { name: "time", type: ApplicationCommandOptionType.String, value: "20:00" },
      { name: "hours", type: ApplicationCommandOptionType.Integer, value: 2 },
      { name: "kind", type: ApplicationCommandOptionType.String, value: "mc" },
    ]);
    const confirmed = await privateAnswer(started);
    expect(confirmed).toContain("Tagesfrage kommt jeden Tag um **20:00**");
    // The channel by mention (Discord shows its name; a channel mention pings nobody).
    expect(confirmed).toContain(`in <#${CHANNEL_ID}>`);
    expect(channelPosts()).toEqual([]);
    now = occurrenceOn(schedule, "2040-03-23").opensAt + 1000;
    const question = await fake.waitFor(() => channelPosts()[0]);
    expect(bodyOf(question)).toMatchObject({ nonce: "daily-1", enforce_nonce: true });
    expect(bodyOf(question).embeds?.[0]?.title).toContain("Frage des Tages · 23.03.");
    const buttons = (bodyOf(question).components ?? []).flatMap((row) => row.components);
    expect(buttons.map((b) => b.custom_id)).toEqual([
      "daily:1:0",
      "daily:1:1",
      "daily:1:2",
      "daily:1:3",
    ]);
    const stored = await running.t.app.daily.store.post(1);
    const right = stored?.question.correctIndex ?? 0;
    expect(await privateAnswer(fake.click(anna, `daily:1:${right}`))).toBe(
      "Deine Antwort ist gespeichert.",
    );
    expect(await privateAnswer(fake.click(ben, `daily:1:${(right + 1) % 4}`))).toBe(
      "Deine Antwort ist gespeichert.",
    );
    expect(await privateAnswer(fake.click(anna, "daily:1:0"))).toContain("schon beantwortet");
    now = occurrenceOn(schedule, "2040-03-23").closesAt + 1000;
    const reveal = await fake.waitFor(() => channelPosts()[1]);
    expect(bodyOf(reveal)).toMatchObject({ nonce: "reveal-1", allowed_mentions: { parse: [] } });
    const fields = bodyOf(reveal).embeds?.[0]?.fields ?? [];
    expect(fields.find((f) => f.name === "Richtig")?.value).toBe(
      "1 von 2 Antworten richtig (50 %)",
    );
    // Names as typed, escaped: no bold, no ping.
    expect(fields.find((f) => f.name === "Richtig lagen")?.value).toBe("Anna \\*fett\\*");
    expect(channelPosts()).toHaveLength(2);
  });

  it("pauses on a lost permission, says so in /daily show, and posts nothing more", async () => {
    fake.fail(/\/channels\/\d+\/messages$/, 403, { message: "Missing Permissions", code: 50013 });
    now = occurrenceOn(schedule, "2040-03-24").opensAt + 1000;
    await until(
      async () =>
        (await running.t.app.daily.store.schedule(GUILD_ID))?.pausedReason === "no-permission",
    );
    expect(channelPosts()).toHaveLength(3);
    const shown = daily(mod, "show");
    expect(await privateAnswer(shown)).toContain("Pausiert");
    now += 24 * 3_600_000;
    await new Promise((r) => setTimeout(r, 300));
    expect(channelPosts()).toHaveLength(3);
  });
});

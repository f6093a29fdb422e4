import { ApplicationCommandOptionType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningBot } from "../../src/discord/bot.ts";
import { limitProblems, type MessagePayload } from "../../src/discord/limits.ts";
import { createLogger } from "../../src/logger.ts";
import {
  type BotAgainstFake,
  FAKE_TOKEN,
  startBotAgainstFake,
} from "../support/bot-against-fake.ts";
import { CHANNEL_ID, type FakeDiscord } from "../support/fake-discord.ts";
import { stateRows } from "../support/state-rows.ts";
import type { TempApp } from "../support/temp-app.ts";

const anna = { id: "700000000000000001", name: "Anna" };
const ben = { id: "700000000000000002", name: "Ben" };
const cem = { id: "700000000000000003", name: "Cem" };
const mod = { id: "700000000000000004", name: "Mo", manageMessages: true };

let running: BotAgainstFake;
let fake: FakeDiscord;
let bot: RunningBot;
let t: TempApp;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  const logger = createLogger("debug", {
    secrets: [FAKE_TOKEN],
    destination: {
      write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>),
    },
  });
  running = await startBotAgainstFake(logger);
  ({ fake, bot, t } = running);
});

afterAll(() => running?.stop());

/** The message body of a callback or edit, whichever carried the answer. */
async function answerOf(interactionId: string): Promise<Record<string, unknown>> {
  return fake.waitFor(() =>
    fake
      .payloadsOf(interactionId)
      .find((p) => p.content !== undefined || (p.embeds as unknown[] | undefined)?.length),
  );
}

describe("the bot against a fake Discord", () => {
  it("logs in and reaches ready", () => {
    expect(bot.client.isReady()).toBe(true);
    expect(fake.requests.find((r) => r.path === "/api/v10/gateway/bot")?.authorization).toBe(
      `Bot ${FAKE_TOKEN}`,
    );
  });

  it("/cite answers with the quote, its source and the right passage", async () => {
    const id = fake.command(anna, "cite", [
      {
        name: "query",
        type: ApplicationCommandOptionType.String,
        value: "erste Reihe Amtseinführung",
      },
    ]);
    const answer = await answerOf(id);
    const embed = (
      answer.embeds as { title: string; description: string; footer: { text: string } }[]
    )[0];
    expect(embed?.description).toContain("**ersten Reihe**");
    expect(embed?.title).toContain("¶ 2");
    expect(embed?.footer.text).toContain("technofeudalismus#2");
    expect(fake.callbackOf(id)?.type).toBe(5);
  });

  it("/cite answers an English question in English through the claims", async () => {
    const id = fake.command(
      anna,
      "cite",
      [
        {
          name: "query",
          type: ApplicationCommandOptionType.String,
          value: "who was placed in the front row at the inauguration?",
        },
      ],
      { locale: "en-US" },
    );
    const answer = await answerOf(id);
    const embed = (answer.embeds as { footer: { text: string } }[])[0];
    expect(embed?.footer.text).toMatch(/^Result 1 of \d · technofeudalismus#2/);
  });

  it("/cite with @everyone and FTS5 syntax answers safely and pings nobody", async () => {
    const id = fake.command(anna, "cite", [
      {
        name: "query",
        type: ApplicationCommandOptionType.String,
        value: '@everyone NEAR("Musk" *) OR "',
      },
      { name: "private", type: 5, value: true },
    ]);
    const answer = await answerOf(id);
    expect(answer.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(answer)).not.toContain("Something went wrong");
  });

  it("/cite works in a DM", async () => {
    const id = fake.command(
      anna,
      "cite",
      [{ name: "query", type: ApplicationCommandOptionType.String, value: "Golden Dome" }],
      {
        inGuild: false,
      },
    );
    const answer = await answerOf(id);
    expect(JSON.stringify(answer.embeds)).toContain("Golden Dome");
  });

  it("pages /cite results with buttons, and refuses forged or foreign ones politely", async () => {
    const id = fake.command(anna, "cite", [
      { name: "query", type: ApplicationCommandOptionType.String, value: "Musk Trump Tesla" },
    ]);
    const answer = await answerOf(id);
    const next = (
      answer.components as { components: { custom_id: string; label: string }[] }[]
    )[0]?.components.find((b) => b.label === "Weiter");
    expect(next).toBeDefined();
    const click = fake.click(anna, next?.custom_id as string);
    const updated = await fake.waitFor(() => fake.callbackOf(click));
    expect(updated.type).toBe(7);
    expect(JSON.stringify(updated.data)).toContain("Treffer 2 von 3");

    const foreign = fake.click(ben, next?.custom_id as string);
    expect((await fake.waitFor(() => fake.callbackOf(foreign))).data).toMatchObject({ flags: 64 });
    for (const forged of ["cite:zzz:0:0", "quiz:999:0:1", "x".repeat(100), "review:abc:0:9"]) {
      const f = fake.click(ben, forged);
      const reply = await fake.waitFor(() => fake.callbackOf(f));
      expect(reply).toMatchObject({ type: 4, data: { flags: 64 } });
    }
  });

  it("autocompletes articles and topics with at most 25 choices", async () => {
    const id = fake.autocomplete(anna, "source", [
      { name: "article", type: ApplicationCommandOptionType.String, value: "", focused: true },
    ]);
    const reply = await fake.waitFor(() => fake.callbackOf(id));
    expect(reply.type).toBe(8);
    const choices = (reply.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices.length).toBe(5);
    const topics = fake.autocomplete(anna, "quiz", [
      {
        name: "start",
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          { name: "topic", type: ApplicationCommandOptionType.String, value: "", focused: true },
        ],
      },
    ]);
    const topicReply = await fake.waitFor(() => fake.callbackOf(topics));
    const topicChoices = (topicReply.data as { choices: unknown[] }).choices;
    expect(topicChoices.length).toBeGreaterThan(5);
    expect(topicChoices.length).toBeLessThanOrEqual(25);
  });

  it("/source shows an article and one paragraph", async () => {
    const id = fake.command(anna, "source", [
      { name: "article", type: ApplicationCommandOptionType.String, value: "bezos-statt-musk" },
      { name: "paragraph", type: ApplicationCommandOptionType.Integer, value: 5 },
    ]);
    const answer = await answerOf(id);
    expect(JSON.stringify(answer.embeds)).toContain("Golden Dome");
  });

  it("runs a quiz round: buttons, one answer each, reveal counts, scores, leaderboard", async () => {
    const start = fake.command(anna, "quiz", [
      {
        name: "start",
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          { name: "questions", type: ApplicationCommandOptionType.Integer, value: 1 },
          { name: "kind", type: ApplicationCommandOptionType.String, value: "mc" },
          { name: "seconds", type: ApplicationCommandOptionType.Integer, value: 10 },
        ],
      },
    ]);
    await answerOf(start);
    const question = await fake.waitFor(() =>
      fake.requests.find(
        (r) => r.method === "POST" && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`,
      ),
    );
    const body = question.body as MessagePayload & { allowed_mentions: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const buttons = body.components?.[0]?.components as { custom_id: string }[];
    expect(buttons).toHaveLength(4);
    expect(body.content).toMatch(/<t:\d+:R>/);

    const stopByBen = fake.command(ben, "quiz", [
      { name: "stop", type: ApplicationCommandOptionType.Subcommand, options: [] },
    ]);
    expect(JSON.stringify(await answerOf(stopByBen))).toContain("Nur wer die Runde gestartet hat");

    const clicks = [
      fake.click(anna, buttons[0]?.custom_id as string),
      fake.click(ben, buttons[1]?.custom_id as string),
      fake.click(cem, buttons[1]?.custom_id as string),
    ];
    for (const c of clicks)
      expect(JSON.stringify(await fake.waitFor(() => fake.callbackOf(c)))).toContain("gespeichert");
    const twice = fake.click(cem, buttons[2]?.custom_id as string);
    const notice = await fake.waitFor(() => fake.callbackOf(twice));
    expect(notice).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(notice)).toContain("schon beantwortet");

    const reveal = await fake.waitFor(
      () =>
        fake.requests.find(
          (r) =>
            r.method === "POST" &&
            r.path.endsWith("/messages") &&
            JSON.stringify(r.body).includes("Stimmen"),
        ),
      15_000,
    );
    const votes = JSON.stringify(reveal.body);
    expect(votes).toMatch(/A {5}` [█░]+ 1/);
    expect(votes).toMatch(/B {5}` [█░]+ 2/);
    const standings = await fake.waitFor(() =>
      fake.requests.find((r) => r.method === "POST" && JSON.stringify(r.body).includes("Endstand")),
    );
    expect(JSON.stringify(standings.body)).toContain("Anna");

    const board = fake.command(anna, "leaderboard");
    const boardAnswer = JSON.stringify(await answerOf(board));
    for (const name of ["Anna", "Ben", "Cem"]) expect(boardAnswer).toContain(name);
    const [scores] = await stateRows(t, "SELECT count(*) AS n FROM answers");
    expect(scores?.n).toBe(3);
  }, 30_000);

  it("lets the starter or a moderator stop a round", async () => {
    const start = fake.command(anna, "quiz", [
      {
        name: "start",
        type: ApplicationCommandOptionType.Subcommand,
        options: [{ name: "seconds", type: ApplicationCommandOptionType.Integer, value: 60 }],
      },
    ]);
    await answerOf(start);
    const stop = fake.command(mod, "quiz", [
      { name: "stop", type: ApplicationCommandOptionType.Subcommand, options: [] },
    ]);
    expect(JSON.stringify(await answerOf(stop))).toContain("beendet");
    const again = fake.command(anna, "quiz", [
      { name: "stop", type: ApplicationCommandOptionType.Subcommand, options: [] },
    ]);
    expect(JSON.stringify(await answerOf(again))).toContain("läuft gerade keine Runde");
  });

  it("refuses quiz rounds and scores in a DM, privately", async () => {
    const quiz = fake.command(
      anna,
      "quiz",
      [{ name: "start", type: ApplicationCommandOptionType.Subcommand, options: [] }],
      {
        inGuild: false,
      },
    );
    const board = fake.command(anna, "leaderboard", [], { inGuild: false, locale: "en-GB" });
    const quizAnswer = await answerOf(quiz);
    expect(JSON.stringify(quizAnswer)).toContain("nur auf Servern");
    expect(JSON.stringify(await answerOf(board))).toContain("only exist in servers");
    expect(quizAnswer).toMatchObject({ flags: 64 });
  });

  it("shows /stats, /review and /help", async () => {
    const stats = fake.command(anna, "stats");
    expect(JSON.stringify(await answerOf(stats))).toContain("Trefferquote");
    const review = fake.command(anna, "review", [], { inGuild: false });
    expect(JSON.stringify(await answerOf(review))).toMatch(/Wiederholung|nichts zu wiederholen/);
    const help = fake.command(ben, "help", [], { locale: "en-US" });
    expect(JSON.stringify(await answerOf(help))).toContain("cited passages and quiz rounds");
  });

  it("carries on after an expired interaction (10062)", async () => {
    fake.fail(/^POST \/api\/v10\/interactions\/\d+\/[^/]+\/callback$/, 404, {
      message: "Unknown interaction",
      code: 10062,
    });
    const lost = fake.command(anna, "help");
    await fake.waitFor(() =>
      logs.find(
        (l) => l.msg === "interaction expired before the answer" && l.interactionId === lost,
      ),
    );
    const next = fake.command(anna, "cite", [
      { name: "query", type: ApplicationCommandOptionType.String, value: "Kuiper Satelliten" },
    ]);
    expect(JSON.stringify(await answerOf(next))).toContain("Kuiper");
  });

  it("carries on after Discord answers a callback with 5xx", async () => {
    for (let i = 0; i < 4; i++) {
      fake.fail(/^POST \/api\/v10\/interactions\/\d+\/[^/]+\/callback$/, 502, {
        message: "Bad Gateway",
        code: 0,
      });
    }
    const failed = fake.command(anna, "help");
    await fake.waitFor(
      () => logs.find((l) => l.msg === "interaction failed" && l.interactionId === failed),
      20_000,
    );
    const next = fake.command(anna, "cite", [
      {
        name: "query",
        type: ApplicationCommandOptionType.String,
        value: "Blue Origin Raketenstarts",
      },
    ]);
    expect(JSON.stringify(await answerOf(next))).toContain("Blue Origin");
  }, 30_000);

  it("waits out a 429 with retry_after and still answers", async () => {
    fake.fail(
      /^POST \/api\/v10\/interactions\/\d+\/[^/]+\/callback$/,
      429,
      { message: "You are being rate limited.", retry_after: 0.3, global: false },
      0,
      {
        "retry-after": "0.3",
        "x-ratelimit-scope": "user",
      },
    );
    const id = fake.command(anna, "cite", [
      { name: "query", type: ApplicationCommandOptionType.String, value: "Vogue Modemagazin" },
    ]);
    expect(JSON.stringify(await answerOf(id))).toContain("Vogue");
    expect(fake.responsesOf(id).filter((r) => r.path.includes("/callback")).length).toBe(2);
  });

  it("keeps serving while one REST answer is slower than Discord's 3-second window", async () => {
    fake.fail(/^POST \/api\/v10\/interactions\/\d+\/[^/]+\/callback$/, 204, undefined, 3500);
    const slow = fake.command(anna, "cite", [
      { name: "query", type: ApplicationCommandOptionType.String, value: "Musk Tesla" },
    ]);
    const quick = fake.command(ben, "cite", [
      { name: "query", type: ApplicationCommandOptionType.String, value: "Kuiper" },
    ]);
    expect(JSON.stringify(await answerOf(quick))).toContain("Kuiper");
    expect(
      JSON.stringify(
        await fake.waitFor(
          () => fake.payloadsOf(slow).find((p) => Array.isArray(p.embeds)),
          10_000,
        ),
      ),
    ).toContain("Musk");
  }, 20_000);

  it("resumes after the gateway connection drops and keeps serving", async () => {
    const before = fake.requests.length;
    const sessions = fake.sessionsStarted;
    fake.dropGateway();
    await fake.waitFor(() => fake.sessionsStarted > sessions || undefined, 15_000);
    await fake.waitFor(
      () => logs.find((l) => l.msg === "gateway resumed" || l.msg === "gateway reconnecting"),
      15_000,
    );
    const id = fake.command(anna, "cite", [
      { name: "query", type: ApplicationCommandOptionType.String, value: "Starlink Satelliten" },
    ]);
    expect(JSON.stringify(await answerOf(id))).toContain("Starlink");
    expect(fake.requests.length).toBeGreaterThan(before);
  }, 30_000);

  it("never logs the token", () => {
    expect(JSON.stringify(logs)).not.toContain(FAKE_TOKEN);
  });

  it("never logs an interaction's token, not even in the errors of failed callbacks", () => {
    const logged = JSON.stringify(logs);
    expect(logged).toContain("/callback");
    const tokens = fake.issuedTokens();
    expect(tokens.length).toBeGreaterThan(20);
    for (const token of tokens) expect(logged).not.toContain(token);
  });

  it("keeps every payload within Discord's limits and pings nobody", () => {
    const bodies = fake.requests
      .filter(
        (r) => r.method !== "GET" && r.body && typeof r.body === "object" && !Array.isArray(r.body),
      )
      .map((r) => (r.path.includes("/callback") ? (r.body as { data?: unknown }).data : r.body))
      .filter(
        (b): b is MessagePayload & { allowed_mentions?: unknown; choices?: unknown[] } =>
          !!b && typeof b === "object",
      );
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) {
      expect(limitProblems(body)).toEqual([]);
      if ("choices" in body) expect(body.choices?.length).toBeLessThanOrEqual(25);
      else if (body.content !== undefined || body.embeds !== undefined)
        expect(body.allowed_mentions).toEqual({ parse: [] });
    }
  });
});

describe("Find source on a chat message", () => {
  it("answers privately with the passages and lets the asker show one in the channel", async () => {
    const id = fake.messageCommand(
      ben,
      "Find source",
      "Bezos saß bei Trumps Amtseinführung in der ersten Reihe, oder?",
    );
    expect(await fake.waitFor(() => fake.callbackOf(id))).toMatchObject({
      type: 5,
      data: { flags: 64 },
    });
    const answer = await answerOf(id);
    expect(JSON.stringify(answer.embeds)).toMatch(/technofeudalismus#2|bezos-statt-musk#15/);
    const post = (
      answer.components as { components: { custom_id: string; label: string }[] }[]
    )[0]?.components.find((b) => b.label === "Im Kanal zeigen");
    expect(post).toBeDefined();
    const foreign = fake.click(anna, post?.custom_id as string);
    expect(await fake.waitFor(() => fake.callbackOf(foreign))).toMatchObject({
      data: { flags: 64 },
    });
    const click = fake.click(ben, post?.custom_id as string);
    const shown = await fake.waitFor(() => fake.callbackOf(click));
    expect(shown.type).toBe(4);
    expect(shown.data?.flags).toBeUndefined();
    expect(JSON.stringify(shown.data)).toContain("Beleg, geteilt von Ben");
  });

  it("works where the bot is not a member, in English, and says when a message has no text", async () => {
    const dm = fake.messageCommand(
      anna,
      "Find source",
      "Blue Origin plans only seven launches in 2025",
      {
        inGuild: false,
        locale: "en-US",
      },
    );
    expect(JSON.stringify(await answerOf(dm))).toContain("Blue Origin");
    const empty = fake.messageCommand(anna, "Find source", "   ");
    expect(await fake.waitFor(() => fake.callbackOf(empty))).toMatchObject({
      type: 4,
      data: { flags: 64 },
    });
    expect(JSON.stringify(fake.callbackOf(empty))).toContain("keinen Text");
  });
});

describe("what the evidence shows", () => {
  it("answers Find source on ordinary chat privately with no source, the nearest passages behind a button", async () => {
    const id = fake.messageCommand(anna, "Find source", "kommt jemand morgen zur Sprechstunde?");
    const answer = JSON.stringify(await answerOf(id));
    expect(answer).toContain("Keine Belegstelle für diese Nachricht");
    expect(answer).toContain("belegen es nicht");
    expect(answer).not.toContain("Sprechstunde");
    expect(fake.callbackOf(id)).toMatchObject({ data: { flags: 64 } });
  });

  it("names a wrong amount of a claim in the user's language", async () => {
    const claim = "Golden Dome soll 250 Milliarden Dollar kosten";
    const de = JSON.stringify(
      await answerOf(fake.command(anna, "cite", [{ name: "query", type: 3, value: claim }])),
    );
    expect(de).toContain("Der Text nennt 175 Milliarden Dollar, nicht 250 Milliarden Dollar");
    const en = JSON.stringify(
      await answerOf(
        fake.command(anna, "cite", [{ name: "query", type: 3, value: claim }], {
          locale: "en-US",
        }),
      ),
    );
    expect(en).toContain("The text says 175 Milliarden Dollar, not 250 Milliarden Dollar");
  });
});

describe("what a query was understood as", () => {
  it("says when a correction or a translation found the passage", async () => {
    const typo = fake.command(anna, "cite", [{ name: "query", type: 3, value: "Vereidgung" }]);
    const footer = (await answerOf(typo)) as { embeds: { footer: { text: string } }[] };
    expect(footer.embeds[0]?.footer.text).toContain("Verstanden als: Vereidgung → Vereidigung");
    const english = fake.command(
      anna,
      "cite",
      [
        {
          name: "query",
          type: 3,
          value: "who translated the essay, Camille Elle and Charlotte Thießen?",
        },
      ],
      { locale: "en-US" },
    );
    const read = (await answerOf(english)) as { embeds: { footer: { text: string } }[] };
    expect(read.embeds[0]?.footer.text).toMatch(/Read as: .*translated → /);
  });
});

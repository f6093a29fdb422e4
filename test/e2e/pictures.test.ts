import { ApplicationCommandOptionType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chartSize, MAX_TOPICS } from "../../src/pictures/charts.ts";
import { type BotAgainstFake, startBotAgainstFake } from "../support/bot-against-fake.ts";
import {
  CHANNEL_ID,
  type FakeDiscord,
  type RecordedRequest,
  type UploadedFile,
} from "../support/fake-discord.ts";
import { decodePng } from "../support/png.ts";

const anna = { id: "700000000000000011", name: "Anna 山田 👩‍👩‍👧" };
const ben = { id: "700000000000000012", name: "بن\u202E‮evil" };

let running: BotAgainstFake;
let fake: FakeDiscord;

// Indexing the corpus for the bot takes a while on a busy machine, longer with PostgreSQL.
beforeAll(async () => {
  running = await startBotAgainstFake();
  ({ fake } = running);
}, 120_000);

afterAll(() => running?.stop());

/** What a message with a picture carried: its text (embeds), its file, its file's description. */
interface Sent {
  readonly text: string;
  readonly file: UploadedFile;
  readonly description: string;
}

function sentWithPicture(request: RecordedRequest): Sent | undefined {
  const file = request.files?.find((f) => f.filename.endsWith(".png"));
  if (!file) return undefined;
  const body = request.body as Record<string, unknown> & { data?: Record<string, unknown> };
  const payload = (body.data ?? body) as {
    embeds?: unknown[];
    attachments?: { id: string | number; description?: string }[];
  };
  // A file part named files[n] is described by the attachment entry of id n.
  const id = /^files\[(\d+)\]$/.exec(file.name)?.[1];
  const entry = payload.attachments?.find((a) => String(a.id) === id);
  return {
    text: JSON.stringify(payload.embeds ?? []),
    file,
    description: entry?.description ?? "",
  };
}

/** The answer to an interaction that carried a picture. */
function answerWithPicture(interactionId: string): Promise<Sent> {
  return fake.waitFor(() =>
    fake
      .responsesOf(interactionId)
      .map(sentWithPicture)
      .find((s) => s !== undefined),
  );
}

async function expectPng(file: UploadedFile, size: { width: number; height: number }) {
  const png = await decodePng(file.data);
  expect({ width: png.width, height: png.height }).toEqual(size);
  // Background, text, bars and their anti-aliased edges: a blank picture has one colour.
  expect(png.colours).toBeGreaterThan(20);
}

describe("pictures against a fake Discord", () => {
  it("sends a round's standings, /leaderboard and /stats with a picture and their full text", async () => {
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
    await fake.waitFor(() => fake.callbackOf(start));
    const question = await fake.waitFor(() =>
      fake.requests.find(
        (r) => r.method === "POST" && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`,
      ),
    );
    const buttons = (question.body as { components: { components: { custom_id: string }[] }[] })
      .components[0]?.components as { custom_id: string }[];
    const clicks = [
      fake.click(anna, buttons[0]?.custom_id as string),
      fake.click(ben, buttons[1]?.custom_id as string),
    ];
    for (const c of clicks) await fake.waitFor(() => fake.callbackOf(c));

    const standings = await fake.waitFor(
      () =>
        fake.requests
          .filter((r) => r.method === "POST" && r.path.endsWith(`/channels/${CHANNEL_ID}/messages`))
          .map(sentWithPicture)
          .find((s) => s?.text.includes("Endstand")),
      15_000,
    );
    expect(standings.file.filename).toBe("standings.png");
    expect(standings.text).toContain("Anna 山田");
    expect(standings.description).toMatch(/^Endstand, als Balkenbild: 1\. .+; 2\. .+\.$/);
    expect(standings.description).not.toMatch(/[\u202a-\u202e]/);
    for (const name of ["Anna 山田", "بن"]) expect(standings.description).toContain(name);
    await expectPng(
      standings.file,
      chartSize({ kind: "ranking", layout: "podium", title: "", rows: [] }),
    );

    const board = await answerWithPicture(fake.command(anna, "leaderboard"));
    expect(board.file.filename).toBe("leaderboard.png");
    expect(board.text).toContain("Rangliste");
    expect(board.description).toContain("Anna 山田");
    const two = Array.from({ length: 2 }, () => ({ label: "", value: 0, caption: "" }));
    await expectPng(
      board.file,
      chartSize({ kind: "ranking", layout: "bars", title: "", rows: two }),
    );

    const stats = await answerWithPicture(fake.command(anna, "stats", [], { locale: "en-US" }));
    expect(stats.file.filename).toBe("stats.png");
    expect(stats.text).toContain("Accuracy");
    expect(stats.description).toMatch(
      /^Stats of Anna 山田.*Points in the last 30 days: .*Accuracy by topic: /,
    );
    const topics = Array.from({ length: MAX_TOPICS }, () => ({ label: "", share: 0, caption: "" }));
    const size = await decodePng(stats.file.data);
    expect(size.width).toBe(800);
    // One question answered: one to MAX_TOPICS topics, each a row of its own.
    expect(size.height).toBeGreaterThanOrEqual(
      chartSize({
        kind: "member",
        title: "",
        daysHeading: "",
        days: [],
        topicsHeading: "",
        noTopics: "",
        topics: topics.slice(0, 1),
      }).height,
    );
    await expectPng(stats.file, { width: size.width, height: size.height });
  }, 40_000);
});

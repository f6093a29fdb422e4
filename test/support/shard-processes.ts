import { rmSync } from "node:fs";
import { ApplicationCommandOptionType as T } from "discord.js";
import type { FakeDiscord, FakeUser } from "./fake-discord.ts";
import { stateRows } from "./state-rows.ts";
import { indexedTempApp } from "./temp-app.ts";

/**
 * Search index files for bot processes on one PostgreSQL database, indexed once and copied
 * (SQLite's online backup): each process then finds its index up to date and starts in seconds
 * instead of indexing the corpus itself, which on two busy cores takes each 10–20 s.
 */
export async function prebuiltIndexes(postgresUrl: string, targets: readonly string[]) {
  const seed = await indexedTempApp({ postgresUrl });
  try {
    for (const target of targets) {
      rmSync(target, { force: true });
      await seed.db.$client.backup(target);
    }
  } finally {
    await seed.cleanup();
  }
}

export interface StartedRound {
  readonly roundId: number;
  /** The custom ids of the first question's answer buttons, in order. */
  readonly buttons: readonly string[];
  /** The index of the right one (read from the stored round, as a test may). */
  readonly right: number;
}

const questionPosts = (fake: FakeDiscord, channelId: string, after: number) =>
  fake.requests.filter(
    (r) =>
      r.method === "POST" && r.path === `/api/v10/channels/${channelId}/messages` && r.at > after,
  );

/** Starts a one-question multiple-choice round of 60 s in a server's channel; its first question. */
export async function startRound(
  fake: FakeDiscord,
  postgresUrl: string,
  starter: FakeUser,
  where: { guildId: string; channelId: string },
): Promise<StartedRound> {
  const since = performance.now();
  fake.command(
    starter,
    "quiz",
    [
      {
        name: "start",
        type: T.Subcommand,
        options: [
          { name: "questions", type: T.Integer, value: 1 },
          { name: "kind", type: T.String, value: "mc" },
          { name: "seconds", type: T.Integer, value: 60 },
        ],
      },
    ],
    where,
  );
  const question = await fake.waitFor(
    () => questionPosts(fake, where.channelId, since).find((r) => r.body !== undefined),
    20_000,
  );
  const buttons = (
    question.body as { components: { components: { custom_id: string }[] }[] }
  ).components[0]?.components.map((b) => b.custom_id) as string[];
  const [stored] = await stateRows(
    { postgresUrl },
    `SELECT r.id AS round_id, q.correct_index FROM rounds r JOIN round_questions q ON q.round_id = r.id
     WHERE r.channel_id = ? AND r.status = 'running'`,
    where.channelId,
  );
  return {
    roundId: Number(stored?.round_id),
    buttons,
    right: Number(stored?.correct_index),
  };
}

/** The text of everything the bot answered an interaction with (callback, edits, follow-ups). */
export async function answerText(fake: FakeDiscord, id: string, ms = 15_000): Promise<string> {
  await fake.waitFor(() => fake.callbackOf(id), ms);
  return fake.waitFor(() => {
    const text = fake.payloadsOf(id).map((p) => JSON.stringify(p));
    return text.some((t) => t.includes('"content"') || t.includes('"embeds"'))
      ? text.join("\n")
      : undefined;
  }, ms);
}

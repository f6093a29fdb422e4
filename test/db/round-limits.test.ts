import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { quizCommand } from "../../src/interactions/commands/quiz.ts";
import { ROUND_RETENTION_MS } from "../../src/quiz/round-pruning.ts";
import { ROUND_LIMITS, type StartRequest } from "../../src/quiz/round-types.ts";
import { recordingContext } from "../support/hostile.ts";
import { indexedTempApp, reopenApp, type TempApp } from "../support/temp-app.ts";

let t: TempApp;
let now: number;
const clock = () => now;
const HOUR = 60 * 60_000;
beforeEach(async () => {
  now = 1_800_000_000_000;
  t = await indexedTempApp({ clock });
});
afterEach(() => t.cleanup());

const request = (over: Partial<StartRequest> = {}): StartRequest => ({
  guildId: "g1",
  channelId: "c1",
  starterId: "starter",
  count: 5,
  seed: 3,
  kind: "mc",
  lang: "de",
  seconds: 20,
  ...over,
});
const stop = (channelId = "c1") =>
  t.app.quiz.stop(channelId, { userId: "mod", canManageMessages: true });
const count = (table: string) =>
  (t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe("rounds per member and channel", () => {
  it("are limited per hour, counted from the stored rounds, with the time the next may start", async () => {
    const limit = ROUND_LIMITS.perMemberAndChannelPerHour;
    const first = now;
    for (let i = 0; i < limit; i++) {
      expect(await t.app.quiz.start(request())).toMatchObject({ ok: true });
      await stop();
      now += 1000;
    }
    expect(await t.app.quiz.start(request())).toEqual({
      ok: false,
      reason: "too-often",
      limit,
      retryAt: first + HOUR,
    });
    expect(await t.app.quiz.start(request({ starterId: "other" }))).toMatchObject({ ok: true });
    await stop();
    expect(await t.app.quiz.start(request({ channelId: "c2" }))).toMatchObject({ ok: true });
    await stop("c2");
    expect(await t.app.quiz.start(request({ solo: true }))).toMatchObject({ ok: true });
    await stop();
    now = first + HOUR + limit * 1000 + 1;
    expect(await t.app.quiz.start(request())).toMatchObject({ ok: true });
  });

  it("are refused in the member's language, saying when the next may start", async () => {
    for (let i = 0; i < ROUND_LIMITS.perMemberAndChannelPerHour; i++) {
      await t.app.quiz.start(request());
      await stop();
    }
    const { ctx, views, recorder } = recordingContext(t.app);
    for (const lang of ["de", "en"] as const)
      await quizCommand.execute(
        ctx,
        {
          actor: { id: "starter", name: "Starter" },
          guildId: "g1",
          channelId: "c1",
          lang,
          canManageMessages: false,
          command: "quiz",
          subcommand: "start",
          options: {},
        },
        recorder,
      );
    expect(views.map((v) => [v.ephemeral, v.content])).toEqual([
      [
        true,
        [
          "Du hast in diesem Kanal in der letzten Stunde schon 12 Runden gestartet. Die nächste kannst du ",
          { time: now + HOUR },
          " starten.",
        ],
      ],
      [
        true,
        [
          "You have started 12 rounds in this channel within the last hour. You can start the next one ",
          { time: now + HOUR },
          ".",
        ],
      ],
    ]);
  });
});

/** Plays a round of two questions answered by `players`, then ends it. */
async function play(channelId: string, players: readonly string[], seed: number): Promise<void> {
  await t.app.quiz.start(request({ channelId, seed, count: 2, starterId: `s${seed}` }));
  for (let q = 0; q < 2; q++) {
    const opened = await t.app.quiz.openNext(channelId);
    now += 2000;
    for (const [i, userId] of players.entries())
      await t.app.quiz.answer(channelId, {
        userId,
        userName: userId,
        option: (i + q + (opened?.position ?? 0)) % 4,
      });
    await t.app.quiz.closeCurrent(channelId);
  }
  await t.app.quiz.finish(channelId);
}

describe("old round data", () => {
  it("is pruned after the retention without changing /leaderboard, /stats or review cards", async () => {
    await play("c1", ["anna", "ben"], 1);
    now += 20 * 24 * HOUR;
    await play("c2", ["anna", "cem"], 2);
    // Started and stopped at once, over and over: nothing anyone needs.
    for (let i = 0; i < 10; i++) {
      await t.app.quiz.start(request({ channelId: `spam-${i}`, seed: i }));
      await stop(`spam-${i}`);
    }
    // A round nobody answered but one onlooker reported: kept while the report is open.
    const reported = await t.app.quiz.start(request({ channelId: "c3", count: 2 }));
    await t.app.quiz.openNext("c3");
    await stop("c3");
    const reportId = reported.ok ? reported.roundId : 0;
    await t.app.reports.report({
      guildId: "g1",
      channelId: "c3",
      roundId: reportId,
      position: 0,
      userId: "onlooker",
      userName: "onlooker",
      reason: "falsch",
    });

    const since = [undefined, now - 7 * 24 * HOUR, now - 24 * HOUR, now - 40 * 24 * HOUR];
    const reads = async () => ({
      boards: await Promise.all(since.map((s) => t.app.scores.leaderboard("g1", s))),
      stats: await Promise.all(["anna", "ben", "cem"].map((u) => t.app.scores.stats("g1", u))),
      cards: t.db.$client.prepare("SELECT * FROM review_cards ORDER BY user_id, claim_id").all(),
      reports: await t.app.reports.open("g1"),
      answers: count("answers"),
    });
    const before = await reads();
    const roundsBefore = count("rounds");
    const questionsBefore = count("round_questions");

    now += ROUND_RETENTION_MS + HOUR;
    // A process starting on the file prunes.
    const next = await reopenApp(t.path, { clock });
    await next.close();

    expect(await reads()).toEqual(before);
    expect(count("rounds")).toBe(roundsBefore - 10);
    // Left: the two played rounds' four posted questions and the reported round's posted one.
    expect(count("round_questions")).toBe(5);
    expect(questionsBefore).toBe(2 + 2 + 10 * 5 + 2);
  });
});

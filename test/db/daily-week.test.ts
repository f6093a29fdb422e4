import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.ts";
import { DailyRunner } from "../../src/interactions/daily-runner.ts";
import { PostRefused } from "../../src/interactions/request.ts";
import type { Inline, Text } from "../../src/interactions/view.ts";
import { occurrenceOn } from "../../src/quiz/daily-schedule.ts";
import type { DailySchedule } from "../../src/quiz/daily-stores.ts";
import { RecordingPoster } from "../support/recording-poster.ts";
import { indexedTempApp, reopenApp, type TempApp } from "../support/temp-app.ts";

const MINUTE = 60_000;
/** How far the clock moves between two ticks of every process. */
const STEP = 20 * MINUTE;
const GUILD = "1001";
const CHANNEL = "2002";
/**
 * A week around a spring change in Berlin (25 March 2040, 02:00 CET → 03:00 CEST). In the
 * future on purpose: the processes of this test share one pid, and an owner registered on a
 * clock before this process started would count as an earlier life of the pid (gone).
 */
const DAYS = [
  "2040-03-22",
  "2040-03-23",
  "2040-03-24",
  "2040-03-25",
  "2040-03-26",
  "2040-03-27",
  "2040-03-28",
];
const SCHEDULE: DailySchedule = {
  guildId: GUILD,
  channelId: CHANNEL,
  time: "20:00",
  timeZone: "Europe/Berlin",
  kind: "mc",
  hours: 20,
  lang: "de",
  pausedReason: null,
  createdBy: "mod",
  updatedAt: Date.parse("2040-03-22T12:00:00Z"),
};

/** Who answers each day (by index in DAYS), and whether right. */
const PLAYS: Record<string, (day: number) => boolean | undefined> = {
  anna: () => true,
  ben: (day) => day !== 2,
  cem: (day) => (day >= 4 ? true : undefined),
  dora: (day) => (day % 2 === 0 ? false : undefined),
};

const plain = (text: Text | undefined): string =>
  typeof text === "string"
    ? text
    : (text ?? [])
        .map((p: Inline) => (typeof p === "string" ? p : "bold" in p ? p.bold : ""))
        .join("");

let opened: TempApp | undefined;
const extraApps: App[] = [];
afterEach(async () => {
  for (const app of extraApps.splice(0)) await app.close();
  await opened?.cleanup();
  opened = undefined;
});

/** What a process's runner needs: its app on the shared database, the shared channels. */
function runnerDeps(app: App, poster: RecordingPoster, clock: () => number) {
  return {
    daily: app.daily,
    corpus: app.corpus,
    poster,
    owner: app.owner,
    clock,
    logger: app.logger,
  };
}

/**
 * The first process on a fresh database with SCHEDULE set, its clock at the schedule's setting
 * until a test moves `time.now`.
 */
async function scheduledProcess() {
  const time = { now: SCHEDULE.updatedAt };
  const clock = () => time.now;
  opened = await indexedTempApp({ clock });
  const { app } = opened;
  const poster = new RecordingPoster(clock);
  await app.daily.store.setSchedule(SCHEDULE);
  return { time, clock, app, poster, runner: runnerOf(app, poster, clock) };
}

/** A process: an app on the shared database and its runner posting to the shared channels. */
function runnerOf(app: App, poster: RecordingPoster, clock: () => number): DailyRunner {
  return new DailyRunner(runnerDeps(app, poster, clock));
}

describe("the question of the day over a week", () => {
  it("posts and reveals each day once across a DST change, two restarts and two processes", async () => {
    let now = SCHEDULE.updatedAt;
    const clock = () => now;
    opened = await indexedTempApp({ clock });
    const t = opened;
    const poster = new RecordingPoster(clock);
    let app = t.app;
    let runner = runnerOf(app, poster, clock);
    await app.daily.store.setSchedule(SCHEDULE);
    const answered = new Set<string>();
    const restart = async (crashed: boolean) => {
      // Graceful: the process leaves the owners. Crashed: its lease runs out (another host after
      // 60 s, this host when its pid is gone): either way its claims are up for taking over.
      await app.stores.owners.remove(app.owner);
      if (!crashed) await runner.stop();
      app = await reopenApp(t.path, { clock, postgresUrl: t.postgresUrl });
      extraApps.push(app);
      runner = runnerOf(app, poster, clock);
    };
    // From the first restart on, a second process (another shard) runs beside it all week.
    let peer: DailyRunner | undefined;
    const end = Date.parse("2040-03-29T16:30:00Z");
    let restarts = 0;
    for (; now <= end; now += STEP) {
      // Restart 1: the evening of day 2, inside its window, after its post.
      if (restarts === 0 && now >= Date.parse("2040-03-23T21:00:00Z")) {
        await restart(false);
        const peerApp = await reopenApp(t.path, { clock, postgresUrl: t.postgresUrl });
        extraApps.push(peerApp);
        peer = runnerOf(peerApp, poster, clock);
        restarts++;
      }
      // Restart 2: day 5 (after the change), the process dies once its post has reached the
      // channel but before it stored the message id; another start a minute later takes over.
      if (restarts === 1 && now >= occurrenceOn(SCHEDULE, DAYS[4] as string).opensAt) {
        poster.failAfterNextPost = true;
        await Promise.all([runner.tick(), peer?.tick()]);
        now += MINUTE;
        await restart(true);
        restarts++;
      }
      await Promise.all([runner.tick(), peer?.tick()]);
      for (const post of poster.posts) {
        const postId = Number(post.nonce?.replace("daily-", ""));
        if (!post.nonce?.startsWith("daily-") || answered.has(post.nonce)) continue;
        answered.add(post.nonce);
        const stored = await app.daily.store.post(postId);
        const day = DAYS.indexOf(stored?.day ?? "");
        for (const [name, right] of Object.entries(PLAYS)) {
          const verdict = right(day);
          if (verdict === undefined || !stored) continue;
          const correct = stored.question.correctIndex;
          const option = verdict ? correct : (correct + 1) % stored.question.options.length;
          const input = { guildId: GUILD, userId: name, userName: name, option };
          expect((await app.daily.answer(postId, input)).status).toBe("recorded");
          expect((await app.daily.answer(postId, input)).status).toBe("duplicate");
        }
      }
    }
    expect(restarts).toBe(2);
    const questions = poster.posts.filter((p) => p.nonce?.startsWith("daily-"));
    const reveals = poster.posts.filter((p) => p.nonce?.startsWith("reveal-"));
    expect(questions).toHaveLength(7);
    expect(reveals).toHaveLength(7);
    expect(new Set(poster.posts.map((p) => p.nonce)).size).toBe(14);
    // Each question went out at 20:00 Berlin time, before and after the change (within a step).
    questions.forEach((q, i) => {
      const opens = occurrenceOn(SCHEDULE, DAYS[i] as string).opensAt;
      expect(q.at - opens).toBeGreaterThanOrEqual(0);
      expect(q.at - opens).toBeLessThan(STEP);
    });
    expect(questions[3]?.at).toBe(Date.parse("2040-03-25T18:00:00Z"));
    expect(questions[4]?.at).toBe(Date.parse("2040-03-26T18:00:00Z"));
    // Streaks: anna every day, ben since his miss on day 3, cem the last three, dora none.
    const streaks = await app.daily.streaks(GUILD);
    expect(streaks.map((s) => [s.userId, s.days])).toEqual([
      ["anna", 7],
      ["ben", 4],
      ["cem", 3],
    ]);
    const lastReveal = reveals.at(-1)?.view.cards?.[0];
    const right = plain(lastReveal?.fields?.find((f) => f.name === "Richtig lagen")?.value);
    expect(right).toBe("anna 🔥 7, ben 🔥 4, cem 🔥 3");
    const share = plain(lastReveal?.fields?.find((f) => f.name === "Richtig")?.value);
    expect(share).toBe("3 von 4 Antworten richtig (75 %)");
    // Every post of the week is in the database as revealed, with the message ids.
    const posts = await Promise.all(
      questions.map((q) => app.daily.store.post(Number(q.nonce?.replace("daily-", "")))),
    );
    expect(posts.map((p) => p?.status)).toEqual(Array(7).fill("revealed"));
    expect(posts.map((p) => p?.messageId)).toEqual(questions.map((q) => q.id));
    // The points count in the server's standings.
    expect((await app.scores.leaderboard(GUILD))[0]?.userId).toBe("anna");
  }, 180_000);

  it("never posts a day whose window passed while down, and pauses on a deleted channel", async () => {
    const { time, app, poster, runner } = await scheduledProcess();
    // Down from before day 1's post until after its window: back at 17:00 on day 2, nothing.
    time.now = Date.parse("2040-03-23T16:00:00Z");
    await runner.tick();
    expect(poster.posts).toEqual([]);
    // Day 2 at 20:00: posted once, however often the processes tick.
    time.now = occurrenceOn(SCHEDULE, "2040-03-23").opensAt + MINUTE;
    await runner.tick();
    await runner.tick();
    expect(poster.posts.map((p) => p.nonce)).toEqual(["daily-1"]);
    // The channel is deleted before day 3: the schedule pauses, the day is missed, no crash.
    poster.refuse(CHANNEL, new PostRefused("channel-gone"));
    time.now = occurrenceOn(SCHEDULE, "2040-03-24").opensAt + MINUTE;
    await runner.tick();
    const paused = await app.daily.store.schedule(GUILD);
    expect(paused?.pausedReason).toBe("channel-gone");
    expect(await app.daily.store.runningSchedules()).toEqual([]);
    time.now += 24 * 60 * MINUTE;
    await runner.tick();
    expect(poster.posts.filter((p) => p.nonce?.startsWith("daily-"))).toHaveLength(1);
    expect((await app.daily.store.post(2))?.status).toBe("missed");
  });

  it("chooses a day's question only in the process that claims the day", async () => {
    const { time, clock, app, poster } = await scheduledProcess();
    const t = opened as TempApp;
    const peerApp = await reopenApp(t.path, { clock, postgresUrl: t.postgresUrl });
    extraApps.push(peerApp);
    const counted = (app: App) => {
      const daily = Object.create(app.daily) as App["daily"];
      const count = { chosen: 0 };
      daily.choose = (...args) => {
        count.chosen++;
        return app.daily.choose(...args);
      };
      const runner = new DailyRunner({ ...runnerDeps(app, poster, clock), daily });
      return { runner, count };
    };
    const first = counted(app);
    const second = counted(peerApp);
    time.now = occurrenceOn(SCHEDULE, DAYS[0] as string).opensAt + MINUTE;
    await first.runner.tick();
    await second.runner.tick();
    await second.runner.tick();
    expect(poster.posts.map((p) => p.nonce)).toEqual(["daily-1"]);
    expect([first.count.chosen, second.count.chosen]).toEqual([1, 0]);
  });

  it("ends a day again at the next tick when its end could not be stored", async () => {
    const { time, app, poster, runner } = await scheduledProcess();
    const store = app.daily.store;
    const markMissed = store.markMissed.bind(store);
    let failures = 1;
    store.markMissed = async (...args) => {
      if (failures-- > 0) throw new Error("database is locked");
      return markMissed(...args);
    };
    poster.refuse(CHANNEL, new PostRefused("no-permission"));
    time.now = occurrenceOn(SCHEDULE, DAYS[0] as string).opensAt + MINUTE;
    await runner.tick();
    expect((await store.post(1))?.status).toBe("claimed");
    time.now += MINUTE;
    await runner.tick();
    expect((await store.post(1))?.status).toBe("missed");
  });
});

import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answers, rounds, scores } from "../../src/db/schema.ts";
import type { StartRequest } from "../../src/quiz/round-types.ts";
import { indexedTempApp, reopenApp, type TempApp } from "../support/temp-app.ts";

let t: TempApp;
let now: number;
const clock = () => now;
beforeEach(async () => {
  now = 1_800_000_000_000;
  t = await indexedTempApp({ clock });
});
afterEach(() => t.cleanup());

const request = (over: Partial<StartRequest> = {}): StartRequest => ({
  guildId: "g1",
  channelId: "c1",
  starterId: "starter",
  count: 3,
  seed: 42,
  kind: "mc",
  lang: "de",
  seconds: 20,
  ...over,
});

const user = (i: number) => ({ userId: `u${i}`, userName: `User ${i}` });

describe("a quiz round on a real database file", () => {
  it("takes many players' answers once each and keeps scores equal to the sum of answers", async () => {
    const quiz = t.app.quiz;
    expect(await quiz.start(request())).toMatchObject({ ok: true, questionCount: 3 });
    for (let q = 0; q < 3; q++) {
      const opened = await quiz.openNext("c1");
      expect(opened?.position).toBe(q);
      now += 1000;
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          quiz.answer("c1", { ...user(i), option: (i + q) % 4 }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(25).fill("recorded"));
      expect((await quiz.answer("c1", { ...user(3), option: 0 })).status).toBe("duplicate");
      const reveal = await quiz.closeCurrent("c1");
      expect(reveal?.counts.reduce((a, b) => a + b, 0)).toBe(25);
      const right = reveal?.right ?? [];
      expect(right.length).toBeGreaterThan(0);
      expect(right.every((r) => r.name.startsWith("User ") && r.points > 0)).toBe(true);
      expect(right.map((r) => r.points)).toEqual(
        [...right.map((r) => r.points)].sort((a, b) => b - a),
      );
      now += 5000;
    }
    const standings = await quiz.finish("c1");
    expect(standings).toHaveLength(25);
    const stored = t.db.select().from(answers).all();
    expect(stored).toHaveLength(75);
    for (const s of t.db.select().from(scores).all()) {
      const sum = stored.filter((a) => a.userId === s.userId).reduce((n, a) => n + a.points, 0);
      expect(s.points).toBe(sum);
      expect(s.answered).toBe(3);
    }
    expect(t.db.select().from(rounds).get()?.status).toBe("finished");
  });

  it("counts a double click once, even while the first click is still being written", async () => {
    const quiz = t.app.quiz;
    await quiz.start(request());
    await quiz.openNext("c1");
    const [first, second] = await Promise.all([
      quiz.answer("c1", { ...user(1), option: 0 }),
      quiz.answer("c1", { ...user(1), option: 1 }),
    ]);
    expect([first.status, second.status]).toEqual(["recorded", "duplicate"]);
    expect(t.db.select().from(answers).all()).toHaveLength(1);
  });

  it("lets the database refuse a second answer sent by another process", async () => {
    const quiz = t.app.quiz;
    await quiz.start(request());
    const opened = await quiz.openNext("c1");
    expect(
      (await quiz.answer("c1", { ...user(1), option: opened?.question.correctIndex ?? 0 })).status,
    ).toBe("recorded");
    const questionId = t.db.$client
      .prepare("SELECT id FROM round_questions WHERE position = 0")
      .get() as { id: number };
    const again = await t.app.stores.answers.record({
      questionId: questionId.id,
      guildId: "g1",
      ...user(1),
      optionIndex: 1,
      now,
    });
    expect(again).toEqual({ status: "duplicate" });
    expect(t.db.select().from(answers).all()).toHaveLength(1);
    expect(t.db.select().from(scores).get()?.answered).toBe(1);
  });

  it("starts one round when two starts race in one channel, and that round takes answers", async () => {
    const quiz = t.app.quiz;
    const [a, b] = await Promise.all([quiz.start(request()), quiz.start(request())]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    await quiz.openNext("c1");
    expect((await quiz.answer("c1", { ...user(1), option: 0 })).status).toBe("recorded");
    const stored = t.db.select().from(rounds).all();
    expect(stored.map((r) => r.status)).toEqual(["running"]);
  });

  it("refuses a click on a typed question (only a forged or stale button sends one)", async () => {
    const quiz = t.app.quiz;
    await quiz.start(request({ kind: "typed" }));
    await quiz.openNext("c1");
    expect((await quiz.answer("c1", { ...user(1), option: 0 })).status).toBe("invalid");
    expect(t.db.select().from(answers).all()).toEqual([]);
  });

  it("takes a typed answer only for the question its form was opened on", async () => {
    const quiz = t.app.quiz;
    const started = await quiz.start(request({ kind: "typed", count: 2 }));
    const roundId = started.ok ? started.roundId : -1;
    await quiz.openNext("c1");
    await quiz.closeCurrent("c1");
    await quiz.openNext("c1");
    const typed = (position: number) =>
      quiz.answerTyped("c1", { ...user(1), text: "irgendwas", roundId, position });
    expect((await typed(0)).status).toBe("closed");
    expect((await typed(1)).status).toBe("recorded");
  });

  it("refuses a late answer", async () => {
    const quiz = t.app.quiz;
    await quiz.start(request({ seconds: 10 }));
    await quiz.openNext("c1");
    now += 10_001;
    expect((await quiz.answer("c1", { ...user(1), option: 0 })).status).toBe("closed");
    expect(quiz.isDue("c1")).toBe(true);
    expect(t.db.select().from(answers).all()).toEqual([]);
  });

  it("scores speed and streaks", async () => {
    const quiz = t.app.quiz;
    await quiz.start(request({ seconds: 20 }));
    const points: number[] = [];
    for (let q = 0; q < 3; q++) {
      const opened = await quiz.openNext("c1");
      now += 10_000;
      const result = await quiz.answer("c1", {
        ...user(1),
        option: opened?.question.correctIndex ?? 0,
      });
      if (result.status === "recorded") points.push(result.points);
      await quiz.closeCurrent("c1");
    }
    expect(points).toEqual([125, 135, 145]);
  });

  it("is stopped by its starter or a moderator only, and frees the channel", async () => {
    const quiz = t.app.quiz;
    await quiz.start(request());
    await quiz.openNext("c1");
    await quiz.answer("c1", { ...user(1), option: 0 });
    expect(await quiz.stop("c1", { userId: "someone", canManageMessages: false })).toEqual({
      status: "forbidden",
    });
    expect(await quiz.start(request())).toEqual({ ok: false, reason: "busy" });
    expect(await quiz.stop("c1", { userId: "mod", canManageMessages: true })).toMatchObject({
      status: "stopped",
    });
    expect(t.db.select().from(rounds).get()?.status).toBe("stopped");
    expect(t.db.select().from(answers).all()).toHaveLength(1);
    expect(await quiz.start(request())).toMatchObject({ ok: true });
  });

  it("survives a restart mid-round: answers kept, round interrupted, channel free", async () => {
    const first = t.app.quiz;
    await first.start(request());
    await first.openNext("c1");
    now += 500;
    await first.answer("c1", { ...user(1), option: 0 });
    await first.answer("c1", { ...user(2), option: 1 });
    const pointsBefore = t.db.select().from(scores).all();
    // The process ends without closing its round (its owner record goes with it).
    await t.app.close();

    const app = await reopenApp(t.path, { clock });
    const reopened = app.db;
    expect(reopened.select().from(rounds).get()?.status).toBe("interrupted");
    expect(reopened.select().from(answers).all()).toHaveLength(2);
    expect(reopened.select().from(scores).all()).toEqual(pointsBefore);
    expect(await app.quiz.start(request())).toMatchObject({ ok: true });
    expect(reopened.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    await app.close();
  });

  it("leaves a live process's round alone when a second process opens the same file", async () => {
    await t.app.quiz.start(request());
    await t.app.quiz.openNext("c1");
    const second = await reopenApp(t.path, { clock });
    expect(second.db.select().from(rounds).get()?.status).toBe("running");
    expect(await second.quiz.start(request())).toEqual({ ok: false, reason: "busy" });
    expect((await t.app.quiz.answer("c1", { ...user(1), option: 0 })).status).toBe("recorded");
    await second.close();
  });

  it("schedules missed claims for review and keeps per-server standings", async () => {
    const quiz = t.app.quiz;
    await quiz.start(request({ count: 2 }));
    const q1 = await quiz.openNext("c1");
    const wrong = ((q1?.question.correctIndex ?? 0) + 1) % 4;
    await quiz.answer("c1", { ...user(1), option: wrong });
    await quiz.answer("c1", { ...user(2), option: q1?.question.correctIndex ?? 0 });
    await quiz.closeCurrent("c1");
    await quiz.finish("c1");

    const cards = t.app.stores.reviews;
    expect(await cards.dueClaimIds("u1", now)).toEqual([]);
    expect(await cards.dueClaimIds("u1", now + 24 * 3600_000)).toEqual([q1?.question.claimId]);
    expect(await cards.dueClaimIds("u2", now + 365 * 24 * 3600_000)).toEqual([]);

    const scoreboard = t.app.scores;
    expect((await scoreboard.leaderboard("g1")).map((s) => s.userId)).toEqual(["u2", "u1"]);
    expect(await scoreboard.leaderboard("other")).toEqual([]);
    expect(await scoreboard.leaderboard("g1", now + 1)).toEqual([]);
    const stats = await scoreboard.stats("g1", "u1");
    expect(stats).toMatchObject({ points: 0, answered: 1, correct: 0, rounds: 1 });
    expect(stats?.weakestTopics.length).toBeGreaterThan(0);
    expect(t.db.select().from(scores).where(eq(scores.userId, "u2")).get()?.bestStreak).toBe(1);
  });

  it("offers due review cards even when cards of claims that no longer exist are older", async () => {
    const quiz = t.app.quiz;
    await quiz.start(request({ count: 1 }));
    const q = await quiz.openNext("c1");
    await quiz.answer("c1", { ...user(1), option: ((q?.question.correctIndex ?? 0) + 1) % 4 });
    await quiz.finish("c1");
    const card = t.db.$client.prepare("SELECT * FROM review_cards").get() as Record<
      string,
      unknown
    >;
    await t.app.writes.run((tx) => {
      const insert = tx.$client.prepare(
        `INSERT INTO review_cards (user_id, claim_id, due, stability, difficulty, elapsed_days,
           scheduled_days, learning_steps, reps, lapses, misses, state, last_review)
         VALUES (@user_id, @claim_id, @due, @stability, @difficulty, @elapsed_days,
           @scheduled_days, @learning_steps, @reps, @lapses, @misses, @state, @last_review)`,
      );
      for (let i = 0; i < 20; i++)
        insert.run({
          ...card,
          claim_id: `renamed-away-${i}`,
          due: (card.due as number) - 1000 - i,
        });
    });
    now += 24 * 3600_000;
    const due = await t.app.reviews.dueQuestions("u1", "de", 1, "g1");
    expect(due.map((question) => question.claimId)).toEqual([q?.question.claimId]);
  });
});

import { eq } from "drizzle-orm";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openApp } from "../../src/app.ts";
import { answers, rounds, scores } from "../../src/db/schema.ts";
import { recordAnswer } from "../../src/quiz/answer-store.ts";
import { dueClaimIds } from "../../src/quiz/review-store.ts";
import { QuizService, type StartRequest } from "../../src/quiz/service.ts";
import { Scoreboard } from "../../src/quiz/standings.ts";
import { indexedTempApp } from "../support/temp-app.ts";
import { REPO_CORPUS } from "../support/temp-corpus.ts";

let t: ReturnType<typeof indexedTempApp>;
let now: number;
const clock = () => now;
beforeEach(() => {
  t = indexedTempApp();
  now = 1_800_000_000_000;
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
  it("takes many players' answers once each and keeps scores equal to the sum of answers", () => {
    const quiz = new QuizService(t.db, clock);
    expect(quiz.start(request())).toMatchObject({ ok: true, questionCount: 3 });
    for (let q = 0; q < 3; q++) {
      const opened = quiz.openNext("c1");
      expect(opened?.position).toBe(q);
      now += 1000;
      for (let i = 0; i < 25; i++) {
        const option = (i + q) % 4;
        expect(quiz.answer("c1", { ...user(i), option }).status).toBe("recorded");
      }
      expect(quiz.answer("c1", { ...user(3), option: 0 }).status).toBe("duplicate");
      const reveal = quiz.closeCurrent("c1");
      expect(reveal?.counts.reduce((a, b) => a + b, 0)).toBe(25);
      expect(reveal?.rightNames.every((n) => n.startsWith("User "))).toBe(true);
      now += 5000;
    }
    const standings = quiz.finish("c1");
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

  it("lets the database refuse a second answer sent by another process", () => {
    const quiz = new QuizService(t.db, clock);
    quiz.start(request());
    const opened = quiz.openNext("c1");
    expect(
      quiz.answer("c1", { ...user(1), option: opened?.question.correctIndex ?? 0 }).status,
    ).toBe("recorded");
    const questionId = t.db.$client
      .prepare("SELECT id FROM round_questions WHERE position = 0")
      .get() as { id: number };
    const again = recordAnswer(t.db, {
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

  it("refuses a late answer", () => {
    const quiz = new QuizService(t.db, clock);
    quiz.start(request({ seconds: 10 }));
    quiz.openNext("c1");
    now += 10_001;
    expect(quiz.answer("c1", { ...user(1), option: 0 }).status).toBe("closed");
    expect(quiz.isDue("c1")).toBe(true);
    expect(t.db.select().from(answers).all()).toEqual([]);
  });

  it("scores speed and streaks", () => {
    const quiz = new QuizService(t.db, clock);
    quiz.start(request({ seconds: 20 }));
    const points: number[] = [];
    for (let q = 0; q < 3; q++) {
      const opened = quiz.openNext("c1");
      now += 10_000;
      const result = quiz.answer("c1", { ...user(1), option: opened?.question.correctIndex ?? 0 });
      if (result.status === "recorded") points.push(result.points);
      quiz.closeCurrent("c1");
    }
    expect(points).toEqual([125, 135, 145]);
  });

  it("is stopped by its starter or a moderator only, and frees the channel", () => {
    const quiz = new QuizService(t.db, clock);
    quiz.start(request());
    quiz.openNext("c1");
    quiz.answer("c1", { ...user(1), option: 0 });
    expect(quiz.stop("c1", { userId: "someone", canManageMessages: false })).toEqual({
      status: "forbidden",
    });
    expect(quiz.start(request())).toEqual({ ok: false, reason: "busy" });
    expect(quiz.stop("c1", { userId: "mod", canManageMessages: true })).toMatchObject({
      status: "stopped",
    });
    expect(t.db.select().from(rounds).get()?.status).toBe("stopped");
    expect(t.db.select().from(answers).all()).toHaveLength(1);
    expect(quiz.start(request())).toMatchObject({ ok: true });
  });

  it("survives a restart mid-round: answers kept, round interrupted, channel free", () => {
    const first = new QuizService(t.db, clock);
    first.start(request());
    first.openNext("c1");
    now += 500;
    first.answer("c1", { ...user(1), option: 0 });
    first.answer("c1", { ...user(2), option: 1 });
    const pointsBefore = t.db.select().from(scores).all();
    t.app.close();

    const app = openApp(
      { databasePath: t.path, corpusDir: REPO_CORPUS },
      { logger: pino({ level: "silent" }), refresh: false, recover: false },
    );
    const reopened = app.db;
    const second = new QuizService(reopened, clock);
    expect(second.recoverInterrupted()).toBe(1);
    expect(reopened.select().from(rounds).get()?.status).toBe("interrupted");
    expect(reopened.select().from(answers).all()).toHaveLength(2);
    expect(reopened.select().from(scores).all()).toEqual(pointsBefore);
    expect(second.start(request())).toMatchObject({ ok: true });
    expect(reopened.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    app.close();
  });

  it("schedules missed claims for review and keeps per-server standings", () => {
    const quiz = new QuizService(t.db, clock);
    quiz.start(request({ count: 2 }));
    const q1 = quiz.openNext("c1");
    const wrong = ((q1?.question.correctIndex ?? 0) + 1) % 4;
    quiz.answer("c1", { ...user(1), option: wrong });
    quiz.answer("c1", { ...user(2), option: q1?.question.correctIndex ?? 0 });
    quiz.closeCurrent("c1");
    quiz.finish("c1");

    expect(dueClaimIds(t.db, "u1", now)).toEqual([]);
    expect(dueClaimIds(t.db, "u1", now + 24 * 3600_000)).toEqual([q1?.question.claimId]);
    expect(dueClaimIds(t.db, "u2", now + 365 * 24 * 3600_000)).toEqual([]);

    const scoreboard = new Scoreboard(t.db);
    expect(scoreboard.leaderboard("g1").map((s) => s.userId)).toEqual(["u2", "u1"]);
    expect(scoreboard.leaderboard("other")).toEqual([]);
    expect(scoreboard.leaderboard("g1", now + 1)).toEqual([]);
    const stats = scoreboard.stats("g1", "u1");
    expect(stats).toMatchObject({ points: 0, answered: 1, correct: 0, rounds: 1 });
    expect(stats?.weakestTopics.length).toBeGreaterThan(0);
    expect(t.db.select().from(scores).where(eq(scores.userId, "u2")).get()?.bestStreak).toBe(1);
  });
});

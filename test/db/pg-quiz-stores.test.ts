import { asc, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { answers, scores } from "../../src/db/pg/schema.ts";
import type { NewAnswer } from "../../src/quiz/stores.ts";
import { describePg } from "../support/pg-cluster.ts";
import {
  answerOf,
  closePgStores,
  holdScore,
  type Opened,
  openPgStores,
  postedQuestions,
  self,
  settled,
  someoneWaits,
} from "../support/pg-quiz-stores.ts";
import { T0 } from "../support/quiz-store-backends.ts";

describePg("PostgreSQL answers in group commits", () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await openPgStores();
  });
  afterAll(() => closePgStores(opened));
  beforeEach(async () => {
    await opened.stores.drained();
    await opened.postgres.pool.query(
      "TRUNCATE owners, rounds, round_questions, answers, scores, reports, review_cards RESTART IDENTITY CASCADE",
    );
  });

  it("stores 200 concurrent answers once each, refuses their duplicates, and keeps every score the sum of its answers", async () => {
    const { stores, postgres } = opened;
    const questionIds = await postedQuestions(stores, 10);
    const users = Array.from({ length: 20 }, (_, i) => `u${String(i).padStart(2, "0")}`);
    const firsts = users.flatMap((userId, u) =>
      questionIds.map((questionId, q) => answerOf(questionId, userId, (u + q) % 3 === 0 ? 1 : 0)),
    );
    const seconds = firsts.map((a) => ({ ...a, optionIndex: 2 }));
    // Interleaved: each answer and its duplicate go out together, all 400 at once.
    const outcomes = await Promise.all(
      firsts.flatMap((a, i) => [
        stores.answers.record(a),
        stores.answers.record(seconds[i] as NewAnswer),
      ]),
    );
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s === "recorded")).toHaveLength(200);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(200);
    for (let i = 0; i < outcomes.length; i += 2) {
      expect([outcomes[i]?.status, outcomes[i + 1]?.status].sort()).toEqual([
        "duplicate",
        "recorded",
      ]);
    }

    const rows = await postgres.db.select().from(answers).orderBy(asc(answers.id));
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => `${r.questionId}/${r.userId}`)).size).toBe(200);
    const told = new Map<string, number>();
    outcomes.forEach((o, i) => {
      const userId = (i % 2 === 0 ? firsts : seconds)[Math.floor(i / 2)]?.userId as string;
      if (o.status === "recorded") told.set(userId, (told.get(userId) ?? 0) + o.points);
    });
    const position = new Map(questionIds.map((id, p) => [id, p]));
    for (const userId of users) {
      const mine = rows.filter((r) => r.userId === userId);
      const [score] = await postgres.db.select().from(scores).where(eq(scores.userId, userId));
      const points = mine.reduce((sum, r) => sum + r.points, 0);
      expect(score).toMatchObject({
        points,
        answered: 10,
        correct: mine.filter((r) => r.correct).length,
        bestStreak: Math.max(...mine.map((r) => r.streak)),
      });
      expect(told.get(userId)).toBe(points);
      // Each streak is what storing the answers one at a time, in the order stored, gives.
      for (const answer of mine) {
        const before = mine.find(
          (r) => position.get(r.questionId) === (position.get(answer.questionId) ?? 0) - 1,
        );
        const streakBefore = before && before.id < answer.id && before.correct ? before.streak : 0;
        expect(answer.streak).toBe(answer.correct ? streakBefore + 1 : 0);
      }
    }
  });

  it("counts a user's two answers in one batch in order: the second builds its streak on the first", async () => {
    const { stores } = opened;
    const [q0, q1] = (await postedQuestions(stores, 2)) as [number, number];
    const [first, twice, second] = await Promise.all([
      stores.answers.record(answerOf(q0, "u1")),
      stores.answers.record(answerOf(q0, "u1", 1)),
      stores.answers.record(answerOf(q1, "u1")),
    ]);
    expect(first).toMatchObject({ status: "recorded", streak: 1 });
    expect(twice).toEqual({ status: "duplicate" });
    expect(second).toMatchObject({ status: "recorded", streak: 2 });
    expect(await stores.answers.memberTotals("g1", "u1")).toMatchObject({
      answered: 2,
      correct: 2,
      bestStreak: 2,
      points: (first as { points: number }).points + (second as { points: number }).points,
    });
  });

  it("stores a user's answers in concurrent batches one after the other: the later one sees the earlier", async () => {
    const { stores, database, postgres } = opened;
    const [q0, q1, q2] = (await postedQuestions(stores, 3)) as [number, number, number];
    expect((await stores.answers.record(answerOf(q2, "u1"))).status).toBe("recorded");
    const holder = await holdScore(database.url, "u1");
    const first = stores.answers.record(answerOf(q0, "u1"));
    await someoneWaits(postgres.pool);
    // A second batch, started while the first waits uncommitted: it waits for u1's lock.
    const second = stores.answers.record(answerOf(q1, "u1"));
    await someoneWaits(postgres.pool, 2);
    await holder.query("ROLLBACK");
    await holder.end();
    expect(await first).toMatchObject({ status: "recorded", streak: 1 });
    expect(await second).toMatchObject({ status: "recorded", streak: 2 });
  });

  it("refuses as a duplicate an answer stored meanwhile by a writer without the user locks, and the batch's others stand", async () => {
    const { stores, database, postgres } = opened;
    const [q0, q1] = (await postedQuestions(stores, 2)) as [number, number];
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    await other.query("BEGIN");
    await other.query(
      `INSERT INTO answers (question_id, round_id, guild_id, user_id, option_index, correct, points, streak, response_ms, answered_at)
       SELECT id, round_id, 'g1', 'u1', 0, true, 150, 1, 0, $2 FROM round_questions WHERE id = $1`,
      [q0, T0 + 500],
    );
    const batch = [answerOf(q0, "u1"), answerOf(q1, "u1"), answerOf(q0, "u2")].map((a) =>
      stores.answers.record(a),
    );
    await someoneWaits(postgres.pool);
    await other.query("COMMIT");
    await other.end();
    const [duplicate, next, u2] = await Promise.all(batch);
    expect(duplicate).toEqual({ status: "duplicate" });
    expect(next).toMatchObject({ status: "recorded", streak: 2 });
    expect(u2).toMatchObject({ status: "recorded", streak: 1 });
    const stored = await postgres.db.select().from(answers).orderBy(asc(answers.id));
    expect(stored.map((a) => [a.questionId, a.userId, a.points])).toEqual([
      [q0, "u1", 150],
      [q1, "u1", (next as { points: number }).points],
      [q0, "u2", (u2 as { points: number }).points],
    ]);
    expect(await stores.answers.memberTotals("g1", "u1")).toMatchObject({ answered: 1 });
  });

  it("ends a round only after the answers being stored to its open question have committed", async () => {
    const { stores, database, postgres } = opened;
    const [q0, q1] = (await postedQuestions(stores, 2)) as [number, number];
    expect((await stores.answers.record(answerOf(q1, "u1"))).status).toBe("recorded");
    const holder = await holdScore(database.url, "u1");
    const answered = stores.answers.record(answerOf(q0, "u1"));
    await someoneWaits(postgres.pool);
    const [round] = await postgres.db.select({ id: answers.roundId }).from(answers);
    const fence = { roundId: round?.id ?? 0, ownerId: self.id };
    let endSettled = false;
    const ended = stores.rounds.end(fence, "stopped", T0 + 1500).finally(() => {
      endSettled = true;
    });
    // The end waits in the server for the batch (its question row is locked for share): two
    // sessions wait now, and the end has not come back.
    await someoneWaits(postgres.pool, 2);
    expect(endSettled).toBe(false);
    await holder.query("ROLLBACK");
    expect(await answered).toMatchObject({ status: "recorded" });
    expect(await ended).toBe("ended");
    await holder.end();
    expect(await stores.answers.roundStandings(fence.roundId)).toMatchObject([
      { userId: "u1", answered: 2 },
    ]);
  });

  it("rejects a batch whose connection is cut as not stored, and stores the next one", async () => {
    const { stores, postgres, database } = opened;
    const [q0, q1, q2] = (await postedQuestions(stores, 3)) as [number, number, number];
    expect((await stores.answers.record(answerOf(q2, "u1"))).status).toBe("recorded");
    const holder = await holdScore(database.url, "u1");
    const held = ["u1", "u2", "u3"].map((u) => settled(stores.answers.record(answerOf(q0, u))));
    await someoneWaits(postgres.pool);
    await holder.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    expect(await Promise.all(held)).toEqual(Array(3).fill("not stored: timeout"));
    await holder.end();
    const kept = await postgres.db.select().from(answers);
    expect(kept.map((a) => [a.questionId, a.userId])).toEqual([[q2, "u1"]]);
    expect((await postgres.db.select().from(scores)).map((r) => r.userId)).toEqual(["u1"]);
    expect((await stores.answers.record(answerOf(q1, "u1"))).status).toBe("recorded");
    expect((await stores.answers.record(answerOf(q0, "u2"))).status).toBe("recorded");
  });
});

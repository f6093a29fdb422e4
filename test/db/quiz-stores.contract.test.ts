import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { newOwnerIdentity } from "../../src/quiz/owners.ts";
import { ROUND_RETENTION_MS } from "../../src/quiz/round-pruning.ts";
import { type NewReport, POINTS_SLOT_MS, type QuizStores } from "../../src/quiz/stores.ts";
import {
  DAY,
  elsewhere,
  HOUR,
  newRound,
  postedRoundIn,
  QUIZ_STORE_BACKENDS,
  type QuizStoresUnderTest,
  questionOn,
  stored,
  T0,
  WINDOW_MS,
} from "../support/quiz-store-backends.ts";

const self = newOwnerIdentity();
const notLive = () => false;

describe.each(QUIZ_STORE_BACKENDS)("the quiz stores on $name", (backend) => {
  if (backend.skipReason !== undefined) {
    console.warn(`PostgreSQL tests skipped: ${backend.skipReason}`);
    it.skip(`(skipped: ${backend.skipReason})`, () => {});
    return;
  }
  let under: QuizStoresUnderTest;
  let s: QuizStores;
  /** The server answers are given in. */
  let guildId: string;
  beforeEach(async () => {
    guildId = "g1";
    under = await backend.open();
    s = under.stores;
    await s.owners.heartbeat(self, T0);
  });
  afterEach(() => under.close());
  afterAll(() => backend.dispose?.());

  /** A round of self in `channelId` whose first question is posted at T0. */
  const postedRound = (channelId = "c1", guildId = "g1") =>
    postedRoundIn(s, self, channelId, guildId);

  const answer = (questionId: number, userId: string, optionIndex: number, at = T0 + 1000) =>
    s.answers.record({ questionId, guildId, userId, userName: userId, optionIndex, now: at });

  describe("owners", () => {
    it("sees another owner alive while its heartbeat is fresh, and gone once removed", async () => {
      expect(await s.owners.othersAlive(self, T0)).toBe(false);
      await s.owners.heartbeat(elsewhere("other"), T0);
      expect(await s.owners.othersAlive(self, T0 + 1000)).toBe(true);
      expect(await s.owners.othersAlive(self, T0 + 2 * 60_000)).toBe(false);
      await s.owners.heartbeat(elsewhere("other"), T0 + 2 * 60_000);
      expect(await s.owners.othersAlive(self, T0 + 2 * 60_000)).toBe(true);
      await s.owners.remove(elsewhere("other"));
      expect(await s.owners.othersAlive(self, T0 + 2 * 60_000)).toBe(false);
    });
  });

  describe("rounds", () => {
    it("keeps one running round per channel, and replaces one that no longer runs", async () => {
      const first = stored(await s.rounds.create(newRound(T0), self, notLive));
      expect(first.questionIds).toHaveLength(3);
      expect(await s.rounds.create(newRound(T0), self, () => true)).toEqual({
        ok: false,
        reason: "busy",
      });
      stored(await s.rounds.create(newRound(T0, { channelId: "c2" }), self, () => true));
      const second = stored(await s.rounds.create(newRound(T0), self, notLive));
      expect(second.roundId).not.toBe(first.roundId);
      const fence = { roundId: first.roundId, ownerId: self.id };
      expect(await s.rounds.end(fence, "finished", T0)).toBe("lost");
    });

    it("refuses a starter's round past the hourly limit until the oldest is an hour old", async () => {
      const limited = (now: number, channelId = "c1") =>
        s.rounds.create(newRound(now, { channelId, hourlyLimit: 2 }), self, notLive);
      stored(await limited(T0));
      stored(await limited(T0 + 1000));
      expect(await limited(T0 + 2000)).toEqual({
        ok: false,
        reason: "too-often",
        limit: 2,
        retryAt: T0 + HOUR,
      });
      stored(await limited(T0 + 2000, "c2"));
      stored(await limited(T0 + HOUR + 1));
    });

    it("fences every write of a round to its owner while it runs", async () => {
      const round = await postedRound();
      const intruder = { roundId: round.roundId, ownerId: "intruder" };
      const second = round.questionIds[1] ?? 0;
      expect(await s.rounds.markPosted(intruder, second, WINDOW_MS, () => T0)).toBeUndefined();
      expect(await s.rounds.markClosed(intruder, round.first, T0)).toBe(false);
      expect(await s.rounds.end(intruder, "stopped", T0)).toBe("lost");
      expect(await s.rounds.markClosed(round.fence, round.first, T0 + 5000)).toBe(true);
      expect(await s.rounds.end(round.fence, "finished", T0 + 6000)).toBe("ended");
      expect(await s.rounds.end(round.fence, "stopped", T0 + 7000)).toBe("lost");
      expect(await s.rounds.markPosted(round.fence, second, WINDOW_MS, () => T0)).toBeUndefined();
    });

    it("interrupts the running rounds of gone owners only, keeping their answers", async () => {
      const gone = elsewhere("gone");
      const alive = elsewhere("alive");
      const late = T0 + 2 * 60_000;
      await s.owners.heartbeat(gone, T0);
      await s.owners.heartbeat(alive, late);
      const orphan = stored(await s.rounds.create(newRound(T0), gone, notLive));
      const fence = { roundId: orphan.roundId, ownerId: gone.id };
      await s.rounds.markPosted(fence, orphan.questionIds[0] ?? 0, WINDOW_MS, () => T0);
      expect((await answer(orphan.questionIds[0] ?? 0, "u1", 0)).status).toBe("recorded");
      stored(await s.rounds.create(newRound(T0, { channelId: "c2" }), alive, notLive));
      stored(await s.rounds.create(newRound(T0, { channelId: "c3" }), self, notLive));
      expect(await s.rounds.interruptOrphaned(self, late)).toBe(1);
      expect(await s.rounds.interruptOrphaned(self, late)).toBe(0);
      expect(await s.rounds.end(fence, "finished", late)).toBe("lost");
      expect(await s.answers.roundStandings(orphan.roundId)).toMatchObject([{ userId: "u1" }]);
      stored(await s.rounds.create(newRound(late), self, notLive));
    });

    it("takes over a channel whose round's owner is gone", async () => {
      const gone = elsewhere("gone");
      await s.owners.heartbeat(gone, T0);
      const orphan = stored(await s.rounds.create(newRound(T0), gone, notLive));
      const late = newRound(T0 + 2 * 60_000);
      stored(await s.rounds.create(late, self, () => true));
      const fence = { roundId: orphan.roundId, ownerId: gone.id };
      expect(await s.rounds.end(fence, "finished", late.now)).toBe("lost");
    });

    it("prunes old ended rounds nobody answered, keeping answers, scores and standings", async () => {
      const played = await postedRound();
      expect((await answer(played.first, "u1", 0)).status).toBe("recorded");
      await s.rounds.end(played.fence, "finished", T0 + HOUR);
      const empty = stored(await s.rounds.create(newRound(T0, { channelId: "c2" }), self, notLive));
      await s.rounds.end({ roundId: empty.roundId, ownerId: self.id }, "stopped", T0 + HOUR);
      const board = await s.answers.leaderboard("g1");
      const totals = await s.answers.memberTotals("g1", "u1");
      expect(await s.rounds.pruneEnded(T0 + 2 * HOUR)).toEqual({ rounds: 0, questions: 0 });
      const later = T0 + HOUR + ROUND_RETENTION_MS + 1;
      // The empty round goes whole; the played one loses its two questions never posted.
      expect(await s.rounds.pruneEnded(later)).toEqual({ rounds: 1, questions: 2 });
      expect(await s.rounds.pruneEnded(later)).toEqual({ rounds: 0, questions: 0 });
      expect(await s.answers.leaderboard("g1")).toEqual(board);
      expect(await s.answers.leaderboard("g1", T0)).toEqual(board);
      expect(await s.answers.memberTotals("g1", "u1")).toEqual(totals);
      expect(await s.answers.roundStandings(played.roundId)).toHaveLength(1);
    });
  });

  describe("answers and standings", () => {
    it("records one answer per member and question, and only while the question is open", async () => {
      const round = await postedRound();
      expect(await answer(round.first, "u1", 0)).toMatchObject({
        status: "recorded",
        correct: true,
        streak: 1,
      });
      expect(await answer(round.first, "u1", 1)).toEqual({ status: "duplicate" });
      expect(await answer(round.questionIds[1] ?? 0, "u1", 0)).toEqual({ status: "closed" });
      expect(await answer(round.first, "u2", 0, T0 + WINDOW_MS + 10_000)).toEqual({
        status: "closed",
      });
      expect(await answer(round.first, "u3", 0, T0 + WINDOW_MS + 100)).toMatchObject({
        status: "recorded",
      });
      await s.rounds.markClosed(round.fence, round.first, T0 + 3000);
      expect(await answer(round.first, "u4", 0, T0 + 3500)).toEqual({ status: "closed" });
      expect((await s.answers.memberTotals("g1", "u1"))?.answered).toBe(1);
    });

    it("closes a round's open question when the round ends", async () => {
      const round = await postedRound();
      await s.rounds.end(round.fence, "stopped", T0 + 500);
      expect(await answer(round.first, "u1", 0)).toEqual({ status: "closed" });
    });

    it("keeps each member's points, answers, right answers and best streak", async () => {
      const round = await postedRound();
      const [q1, q2, q3] = round.questionIds as [number, number, number];
      const points: Record<string, number> = { u1: 0, u2: 0 };
      const play = async (questionId: number, postedAt: number, picks: Record<string, number>) => {
        await s.rounds.markPosted(round.fence, questionId, WINDOW_MS, () => postedAt);
        for (const [userId, option] of Object.entries(picks)) {
          const outcome = await answer(questionId, userId, option, postedAt + 2000);
          if (outcome.status !== "recorded") throw new Error(outcome.status);
          points[userId] = (points[userId] ?? 0) + outcome.points;
          if (option !== 0) expect(outcome).toMatchObject({ correct: false, points: 0, streak: 0 });
        }
      };
      await play(q1, T0, { u1: 0, u2: 1 });
      await play(q2, T0 + 60_000, { u1: 0, u2: 0 });
      await play(q3, T0 + 120_000, { u1: 1, u2: 0 });
      await s.rounds.end(round.fence, "finished", T0 + 200_000);

      expect(await s.answers.memberTotals("g1", "u1")).toEqual({
        points: points.u1,
        answered: 3,
        correct: 2,
        rounds: 1,
        bestStreak: 2,
        byClaim: expect.arrayContaining([
          { claimId: "k1", correct: 1, answered: 1 },
          { claimId: "k2", correct: 1, answered: 1 },
          { claimId: "k3", correct: 0, answered: 1 },
        ]),
      });
      expect(await s.answers.memberTotals("g1", "u2")).toMatchObject({ correct: 2, bestStreak: 2 });
      expect(await s.answers.memberTotals("g1", "nobody")).toBeUndefined();
      expect(await s.answers.memberTotals("g2", "u1")).toBeUndefined();
      const standings = await s.answers.roundStandings(round.roundId);
      expect(standings.map((r) => [r.userId, r.points, r.answered])).toEqual(
        [
          ["u1", points.u1, 3],
          ["u2", points.u2, 3],
        ].sort((a, b) => Number(b[1]) - Number(a[1])),
      );
    });

    it("ranks a server's members all time or since a moment", async () => {
      const round = await postedRound();
      await answer(round.first, "early", 0, T0 + 1000);
      await answer(round.first, "late", 0, T0 + 5000);
      const other = await postedRound("c9", "g2");
      guildId = "g2";
      await answer(other.first, "stranger", 0);

      const all = await s.answers.leaderboard("g1");
      expect(all.map((r) => r.userId)).toEqual(["early", "late"]);
      expect(all[0]).toMatchObject({ userName: "early", answered: 1, correct: 1 });
      const since = await s.answers.leaderboard("g1", T0 + 3000);
      expect(since.map((r) => r.userId)).toEqual(["late"]);
      expect(await s.answers.leaderboard("g1", T0 + 10_000)).toEqual([]);
      expect(await s.answers.leaderboard("g1", undefined, 1)).toHaveLength(1);
      expect((await s.answers.leaderboard("g2")).map((r) => r.userId)).toEqual(["stranger"]);
    });

    it("sums a member's points per quarter hour from a moment on, in one server only", async () => {
      const round = await postedRound();
      const [q1, q2, q3] = round.questionIds as [number, number, number];
      const slot = POINTS_SLOT_MS;
      const earned: number[] = [];
      for (const [questionId, postedAt] of [
        [q1, T0],
        [q2, T0 + 60_000],
        [q3, T0 + slot + 5 * 60_000],
      ] as const) {
        await s.rounds.markPosted(round.fence, questionId, WINDOW_MS, () => postedAt);
        const outcome = await answer(questionId, "u1", 0, postedAt + 2000);
        if (outcome.status !== "recorded") throw new Error(outcome.status);
        earned.push(outcome.points);
        await answer(questionId, "u2", 0, postedAt + 3000);
      }
      const other = await postedRound("c9", "g2");
      guildId = "g2";
      await answer(other.first, "u1", 0);
      const [first = 0, second = 0, third = 0] = earned;
      expect(third).toBeGreaterThan(0);
      // T0 starts a slot: the first two answers share it, the third is in the next.
      expect(await s.answers.pointsSince("g1", "u1", T0 - DAY)).toEqual([
        { start: T0, points: first + second },
        { start: T0 + slot, points: third },
      ]);
      expect(await s.answers.pointsSince("g1", "u1", T0 + 2 * 60_000)).toEqual([
        { start: T0 + slot, points: third },
      ]);
      expect(await s.answers.pointsSince("g1", "nobody", T0)).toEqual([]);
    });

    it("stores user text with a NUL character in it (typed answers, names, reasons, questions)", async () => {
      const hostile = "a\u0000b";
      // SQLite gives the NUL back; PostgreSQL cannot store one and keeps U+FFFD in its place.
      const asStored = [hostile, "a\uFFFDb"];
      const round = stored(
        await s.rounds.create(
          newRound(T0, {
            topic: hostile,
            questions: [
              { ...questionOn("k1"), prompt: hostile, options: [hostile, "b"], correctIndex: 0 },
            ],
          }),
          self,
          notLive,
        ),
      );
      const fence = { roundId: round.roundId, ownerId: self.id };
      const first = round.questionIds[0] ?? 0;
      await s.rounds.markPosted(fence, first, WINDOW_MS, () => T0);
      const outcome = await s.answers.record({
        questionId: first,
        guildId: "g1",
        userId: "u1",
        userName: hostile,
        optionIndex: 0,
        typedText: hostile,
        now: T0 + 1000,
      });
      expect(outcome).toMatchObject({ status: "recorded", correct: true });
      expect(asStored).toContain((await s.answers.leaderboard("g1"))[0]?.userName);
      const reported = await s.reports.report({
        guildId: "g1",
        channelId: "c1",
        roundId: round.roundId,
        position: 0,
        userId: "u1",
        userName: hostile,
        reason: hostile,
        now: T0 + 2000,
      });
      expect(reported).toBe("reported");
      const [open] = await s.reports.open("g1");
      expect(asStored).toContain(open?.prompt);
      expect(asStored).toContain(open?.reasons[0]?.reason);
    });

    it("breaks ties by user id in byte order, as SQLite compares text", async () => {
      const round = await postedRound();
      for (const userId of ["b", "B", "a"]) await answer(round.first, userId, 1);
      const byteOrder = ["B", "a", "b"];
      expect((await s.answers.leaderboard("g1")).map((r) => r.userId)).toEqual(byteOrder);
      expect((await s.answers.leaderboard("g1", T0)).map((r) => r.userId)).toEqual(byteOrder);
      expect((await s.answers.roundStandings(round.roundId)).map((r) => r.userId)).toEqual(
        byteOrder,
      );
    });
  });

  describe("review cards", () => {
    it("makes a missed claim due for review, and a known one never", async () => {
      const round = await postedRound();
      await answer(round.first, "u1", 1);
      await answer(round.first, "u2", 0);
      expect(await s.reviews.dueClaimIds("u1", T0 + 1000)).toEqual([]);
      expect(await s.reviews.dueClaimIds("u1", T0 + DAY)).toEqual(["k1"]);
      expect(await s.reviews.dueClaimIds("u2", T0 + 365 * DAY)).toEqual([]);

      await s.reviews.recordReview("u2", "k9", false, T0);
      await s.reviews.recordReview("u2", "k8", false, T0 + 1000);
      expect(await s.reviews.dueClaimIds("u2", T0 + 30 * DAY)).toEqual(["k9", "k8"]);
      await s.reviews.recordReview("u3", "k7", true, T0);
      expect(await s.reviews.dueClaimIds("u3", T0 + 365 * DAY)).toEqual([]);
    });
  });

  describe("reports", () => {
    const report = (roundId: number, userId: string, over: Partial<NewReport> = {}) =>
      s.reports.report({
        guildId: "g1",
        channelId: "c1",
        roundId,
        position: 0,
        userId,
        userName: `name of ${userId}`,
        reason: `wrong, says ${userId}`,
        now: T0 + 10_000,
        ...over,
      });

    it("takes reports only on questions posted in the reporter's server and channel", async () => {
      const round = await postedRound();
      expect(await report(round.roundId, "u1", { position: 1 })).toBe("unknown");
      expect(await report(round.roundId, "u1", { channelId: "c2" })).toBe("unknown");
      expect(await report(round.roundId, "u1", { guildId: "g2" })).toBe("unknown");
      expect(await report(round.roundId + 100, "u1")).toBe("unknown");
      // A forged id as long as a custom id allows (12 digits): beyond a 32-bit column.
      expect(await report(999_999_999_999, "u1")).toBe("unknown");
      expect(await report(round.roundId, "u1", { position: 999 })).toBe("unknown");
      expect(await report(round.roundId, "u1")).toBe("reported");
      expect(await report(round.roundId, "u1")).toBe("already");
    });

    it("rests a claim once two members who played it report it, until reviewed", async () => {
      const round = await postedRound();
      for (const player of ["p1", "p2"]) await answer(round.first, player, 0);
      expect(await report(round.roundId, "p1")).toBe("reported");
      expect(await report(round.roundId, "onlooker")).toBe("reported");
      expect(await s.reports.resting("g1")).toEqual(new Set());
      expect(await s.reports.open("g1")).toMatchObject([
        { claimId: "k1", reporters: 2, players: 1, resting: false },
      ]);
      expect(await report(round.roundId, "p2")).toBe("reported");
      expect(await s.reports.resting("g1")).toEqual(new Set(["k1"]));
      expect(await s.reports.resting("g2")).toEqual(new Set());
      const [open] = await s.reports.open();
      expect(open).toMatchObject({ guildId: "g1", claimId: "k1", reporters: 3, players: 2 });
      expect(open?.prompt).toBe("Frage zu k1?");
      expect(open?.reasons).toContainEqual({ userName: "name of p2", reason: "wrong, says p2" });

      expect(await s.reports.review("g2", "k1", "mod", T0 + 20_000)).toBe(0);
      expect(await s.reports.review("g1", "k1", "mod", T0 + 20_000)).toBe(3);
      expect(await s.reports.resting("g1")).toEqual(new Set());
      expect(await s.reports.open("g1")).toEqual([]);
      expect(await s.reports.review("g1", "k1", "mod", T0 + 30_000)).toBe(0);
    });
  });
});

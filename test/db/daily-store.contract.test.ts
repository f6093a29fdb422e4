import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DailySchedule, NewDailyPost } from "../../src/quiz/daily-stores.ts";
import { newOwnerIdentity } from "../../src/quiz/owners.ts";
import type { QuizStores } from "../../src/quiz/stores.ts";
import {
  elsewhere,
  HOUR,
  QUIZ_STORE_BACKENDS,
  type QuizStoresUnderTest,
  questionOn,
  T0,
} from "../support/quiz-store-backends.ts";

const self = newOwnerIdentity();

const schedule = (over: Partial<DailySchedule> = {}): DailySchedule => ({
  guildId: "g1",
  channelId: "c1",
  time: "20:00",
  timeZone: "Europe/Berlin",
  kind: "mc",
  hours: 20,
  lang: "de",
  pausedReason: null,
  createdBy: "mod",
  updatedAt: T0,
  ...over,
});

const day = (d: string, claimId = `k-${d}`, over: Partial<NewDailyPost> = {}): NewDailyPost => ({
  guildId: "g1",
  day: d,
  channelId: "c1",
  lang: "de",
  opensAt: T0,
  closesAt: T0 + 20 * HOUR,
  question: questionOn(claimId),
  now: T0,
  ...over,
});

describe.each(QUIZ_STORE_BACKENDS)("the question of the day's store on $name", (backend) => {
  if (backend.skipReason !== undefined) {
    it.skip(`(skipped: ${backend.skipReason})`, () => {});
    return;
  }
  let under: QuizStoresUnderTest;
  let s: QuizStores;
  beforeEach(async () => {
    under = await backend.open();
    s = under.stores;
    await s.owners.heartbeat(self, T0);
  });
  afterEach(() => under.close());
  afterAll(() => backend.dispose?.());

  const claimed = async (post: NewDailyPost, owner = self) => {
    const claim = await s.daily.claimDay(post, owner);
    if (claim.status !== "claimed") throw new Error("the day was taken");
    return claim.post;
  };

  it("keeps, pauses, lifts and removes a server's schedule", async () => {
    await s.daily.setSchedule(schedule());
    expect(await s.daily.runningSchedules()).toEqual([schedule()]);
    await s.daily.pause("g1", "no-permission", T0);
    expect(await s.daily.runningSchedules()).toEqual([]);
    expect((await s.daily.schedule("g1"))?.pausedReason).toBe("no-permission");
    await s.daily.setSchedule(schedule({ time: "08:00" }));
    expect(await s.daily.schedule("g1")).toEqual(schedule({ time: "08:00" }));
    expect(await s.daily.removeSchedule("g1")).toBe(true);
    expect(await s.daily.removeSchedule("g1")).toBe(false);
  });

  it("lets two processes racing for the same day claim it exactly once", async () => {
    const other = await under.second();
    try {
      const rival = elsewhere("rival");
      expect(await s.daily.dayTaken("g1", "2026-03-28")).toBe(false);
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? s : other.stores).daily.claimDay(day("2026-03-28"), i % 2 ? rival : self),
        ),
      );
      expect(claims.filter((c) => c.status === "claimed")).toHaveLength(1);
      expect(await s.daily.askedSince("g1", 0)).toEqual(["k-2026-03-28"]);
      expect(await other.stores.daily.dayTaken("g1", "2026-03-28")).toBe(true);
      expect(await s.daily.dayTaken("g1", "2026-03-29")).toBe(false);
      expect(await s.daily.dayTaken("g2", "2026-03-28")).toBe(false);
      // A second claim of the day, even of another channel after a new /daily start, is refused.
      expect((await other.stores.daily.claimDay(day("2026-03-28", "k9"), rival)).status).toBe(
        "taken",
      );
      expect((await s.daily.claimDay(day("2026-03-29"), self)).status).toBe("claimed");
    } finally {
      await other.close();
    }
  });

  it("takes answers while open, reveals once, and reads streak results", async () => {
    const post = await claimed(day("2026-03-28"));
    expect(await s.daily.markPosted(post.id, elsewhere("x"), "m0", T0)).toBe(false);
    expect(await s.daily.markPosted(post.id, self, "m1", T0)).toBe(true);
    expect(await s.daily.markPosted(post.id, self, "m2", T0)).toBe(false);
    const answer = (userId: string, optionIndex: number, now = T0 + HOUR) =>
      s.answers.record({
        questionId: post.questionId,
        guildId: "g1",
        userId,
        userName: `Name ${userId}`,
        optionIndex,
        now,
      });
    expect(await answer("u1", 0)).toMatchObject({ status: "recorded", correct: true });
    expect(await answer("u2", 1)).toMatchObject({ status: "recorded", correct: false });
    expect((await answer("u1", 1)).status).toBe("duplicate");
    expect(await s.daily.dueReveals(T0 + 19 * HOUR)).toEqual([]);
    expect((await s.daily.dueReveals(T0 + 20 * HOUR)).map((p) => p.id)).toEqual([post.id]);
    expect(await s.daily.claimReveal(post.id, self, T0 + 19 * HOUR)).toBe(false);
    const [first, second] = await Promise.all([
      s.daily.claimReveal(post.id, self, T0 + 20 * HOUR),
      s.daily.claimReveal(post.id, elsewhere("x"), T0 + 20 * HOUR),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect((await answer("u3", 0, T0 + 20 * HOUR + 1)).status).toBe("closed");
    expect(await s.daily.answersTo(post.id)).toEqual([
      { userId: "u1", userName: "Name u1", correct: true },
      { userId: "u2", userName: "Name u2", correct: false },
    ]);
    expect(await s.daily.results("g1", 10)).toEqual([
      { day: "2026-03-28", right: [{ userId: "u1", userName: "Name u1" }] },
    ]);
    // The points count toward the server's standings like a round's.
    expect((await s.answers.leaderboard("g1"))[0]).toMatchObject({ userId: "u1", correct: 1 });
    expect(await s.daily.missedByMembers("g1")).toEqual(new Map([["k-2026-03-28", 1]]));
  });

  it("hands a stalled claim to a live process once, and ends an unpostable one as missed", async () => {
    const gone = elsewhere("gone");
    await s.owners.heartbeat(gone, T0);
    const stalled = await claimed(day("2026-03-28"), gone);
    const later = T0 + 2 * 60_000;
    await s.owners.heartbeat(self, later);
    const other = await under.second();
    try {
      const rival = elsewhere("rival");
      await s.owners.heartbeat(rival, later);
      const [mineTaken, theirs] = await Promise.all([
        s.daily.takeOverStalled(self, later),
        other.stores.daily.takeOverStalled(rival, later),
      ]);
      expect([...mineTaken, ...theirs].map((p) => p.id)).toEqual([stalled.id]);
      const winner = mineTaken.length > 0 ? self : rival;
      expect(await s.daily.takeOverStalled(self, later)).toEqual([]);
      expect(await s.daily.markMissed(stalled.id, gone, later)).toBe(false);
      expect(await s.daily.markMissed(stalled.id, winner, later)).toBe(true);
      expect((await s.daily.post(stalled.id))?.status).toBe("missed");
    } finally {
      await other.close();
    }
  });
});

import { describe, expect, it } from "vitest";
import { RoundMachine } from "../../src/quiz/round.ts";
import { POINTS, scoreAnswer } from "../../src/quiz/scoring.ts";
import type { Question } from "../../src/quiz/types.ts";

const question = (i: number): Question => ({
  claimId: `c${i}`,
  kind: "mc",
  lang: "de",
  prompt: `Frage ${i}?`,
  options: ["A", "B", "C", "D"],
  correctIndex: 2,
  citation: { articleId: "a", passageId: "a#1", quote: "…" },
});

/** An answer whose write succeeds at once: reserved, then confirmed. */
function answer(round: RoundMachine, user: string, option: number, now: number) {
  const reserved = round.reserve(user, option, now);
  return reserved.outcome === "reserved"
    ? { outcome: "accepted", ...round.confirm(user) }
    : reserved;
}

describe("RoundMachine", () => {
  it("takes one answer per user, refuses late and invalid ones, and counts the reveal", () => {
    const round = new RoundMachine([question(1), question(2)], 20_000);
    round.openNext(1000);
    const users = Array.from({ length: 30 }, (_, i) => `u${i}`);
    for (const [i, u] of users.entries())
      expect(answer(round, u, i % 4, 2000 + i).outcome).toBe("accepted");
    expect(answer(round, "u0", 2, 3000)).toEqual({ outcome: "duplicate" });
    expect(answer(round, "u99", 7, 3000)).toEqual({ outcome: "invalid" });
    expect(answer(round, "late", 2, 21_001)).toEqual({ outcome: "closed" });
    const reveal = round.close();
    expect(reveal.counts).toEqual([8, 8, 7, 7]);
    expect(reveal.rightUsers).toHaveLength(7);
    expect(answer(round, "u1", 2, 3000)).toEqual({ outcome: "closed" });
  });

  it("runs the first question to its deadline, later ones until everyone who joined answered", () => {
    const round = new RoundMachine([question(1), question(2), question(3)], 10_000);
    round.openNext(0);
    answer(round, "anna", 2, 100);
    answer(round, "ben", 1, 200);
    expect(round.isDue(300)).toBe(false);
    expect(round.isDue(10_000)).toBe(true);
    round.close();
    round.openNext(11_000);
    expect(answer(round, "anna", 2, 11_100)).toMatchObject({ everyoneAnswered: false });
    expect(round.isDue(11_150)).toBe(false);
    expect(answer(round, "ben", 2, 11_200)).toMatchObject({
      outcome: "accepted",
      everyoneAnswered: true,
    });
    expect(round.isDue(11_200)).toBe(true);
  });

  it("keeps the first question open for the join phase, then closes once the starter answered", () => {
    const round = new RoundMachine([question(1), question(2)], 30_000, ["anna"], 10_000);
    round.openNext(0);
    answer(round, "anna", 2, 1000);
    answer(round, "ben", 1, 2000);
    expect(round.isDue(9_999)).toBe(false);
    expect(round.isDue(10_000)).toBe(true);
    round.close();
    round.openNext(11_000);
    expect(answer(round, "ben", 2, 11_100)).toMatchObject({ everyoneAnswered: false });
    expect(answer(round, "anna", 0, 11_200)).toMatchObject({ everyoneAnswered: true });
    expect(round.isDue(11_200)).toBe(true);
  });

  it("closes a lone player's question as soon as they answered (no join phase)", () => {
    const round = new RoundMachine([question(1)], 30_000, ["anna"], 0);
    round.openNext(0);
    expect(round.isDue(1)).toBe(false);
    answer(round, "anna", 2, 500);
    expect(round.isDue(500)).toBe(true);
  });

  it("counts typed answers as right and wrong", () => {
    const typed: Question = { ...question(1), kind: "typed", options: ["Merz"], correctIndex: 0 };
    const round = new RoundMachine([typed], 30_000);
    round.openNext(0);
    answer(round, "anna", 0, 100);
    answer(round, "ben", -1, 100);
    answer(round, "cem", -1, 100);
    expect(round.reserve("dora", 1, 100)).toEqual({ outcome: "invalid" });
    const reveal = round.close();
    expect(reveal.counts).toEqual([1, 2]);
    expect(reveal.rightUsers).toEqual(["anna"]);
    expect(reveal.wrongUsers).toEqual(["ben", "cem"]);
  });

  it("counts an answer only once it is stored, and lets a failed one be tried again", () => {
    const round = new RoundMachine([question(1)], 10_000, ["anna"]);
    round.openNext(0);
    expect(round.reserve("anna", 2, 100)).toEqual({ outcome: "reserved" });
    expect(round.reserve("anna", 1, 120)).toEqual({ outcome: "duplicate" });
    expect(round.everyoneAnswered()).toBe(false);
    round.release("anna");
    expect(round.reserve("anna", 1, 200)).toEqual({ outcome: "reserved" });
    round.stopTaking();
    expect(round.reserve("ben", 2, 210)).toEqual({ outcome: "closed" });
    expect(round.confirm("anna")).toEqual({ everyoneAnswered: true });
    expect(round.close().counts).toEqual([0, 1, 0, 0]);
  });

  it("stops mid-question and then takes no answers", () => {
    const round = new RoundMachine([question(1)], 10_000);
    round.openNext(0);
    round.stop();
    expect(round.isOver).toBe(true);
    expect(answer(round, "anna", 2, 100)).toEqual({ outcome: "closed" });
    expect(() => round.openNext(200)).toThrow();
  });
});

describe("scoreAnswer", () => {
  it("gives 100, a speed bonus up to 50 and a streak bonus up to 50", () => {
    expect(
      scoreAnswer({ correct: true, responseMs: 0, windowMs: 20_000, streakBefore: 0 }).points,
    ).toBe(150);
    expect(
      scoreAnswer({ correct: true, responseMs: 20_000, windowMs: 20_000, streakBefore: 0 }).points,
    ).toBe(100);
    expect(
      scoreAnswer({ correct: true, responseMs: 10_000, windowMs: 20_000, streakBefore: 2 }),
    ).toEqual({
      points: 100 + 25 + 20,
      speedBonus: 25,
      streakBonus: 20,
      streak: 3,
    });
    expect(
      scoreAnswer({ correct: true, responseMs: 30_000, windowMs: 20_000, streakBefore: 9 })
        .streakBonus,
    ).toBe(POINTS.maxStreakBonus);
    expect(
      scoreAnswer({ correct: false, responseMs: 0, windowMs: 20_000, streakBefore: 4 }),
    ).toEqual({
      points: 0,
      speedBonus: 0,
      streakBonus: 0,
      streak: 0,
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StartRequest } from "../../src/quiz/round-types.ts";
import { indexedTempApp, type TempApp } from "../support/temp-app.ts";

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
  count: 1,
  seed: 7,
  kind: "mc",
  lang: "de",
  seconds: 20,
  ...over,
});

/** Plays a one-question round to its end; returns the round id and the claim it asked. */
async function playOne(
  over: Partial<StartRequest> = {},
): Promise<{ roundId: number; claimId: string }> {
  const started = await t.app.quiz.start(request(over));
  if (!started.ok) throw new Error(`round did not start: ${started.reason}`);
  const opened = await t.app.quiz.openNext(over.channelId ?? "c1");
  await t.app.quiz.finish(over.channelId ?? "c1");
  return { roundId: started.roundId, claimId: opened?.question.claimId as string };
}

const report = (roundId: number, userId: string, guildId = "g1") =>
  t.app.reports.report({
    guildId,
    roundId,
    position: 0,
    userId,
    userName: userId,
    reason: "falsch",
  });

describe("reports of wrong questions", () => {
  it("are stored once per player, and only for a question of the reporter's server", async () => {
    const { roundId, claimId } = await playOne();
    expect(await report(roundId, "anna")).toBe("reported");
    expect(await report(roundId, "anna")).toBe("already");
    expect(await report(roundId, "anna", "other-server")).toBe("unknown");
    expect(await report(roundId + 99, "anna")).toBe("unknown");
    const stored = t.db.$client
      .prepare("SELECT guild_id, user_id, claim_id, reason FROM reports")
      .all();
    expect(stored).toEqual([
      { guild_id: "g1", user_id: "anna", claim_id: claimId, reason: "falsch" },
    ]);
  });

  it("let a claim rest in its server once two players reported it, until it is reviewed", async () => {
    const { roundId, claimId } = await playOne();
    await report(roundId, "anna");
    expect(t.app.reports.resting("g1").size).toBe(0);
    expect(t.app.reports.open("g1")).toMatchObject([{ claimId, reporters: 1, resting: false }]);
    await report(roundId, "ben");
    expect(t.app.reports.resting("g1")).toEqual(new Set([claimId]));
    expect(t.app.reports.resting("g2").size).toBe(0);
    expect(t.app.reports.open()).toMatchObject([
      { guildId: "g1", claimId, reporters: 2, resting: true },
    ]);

    // The same seed would ask the same claim: while it rests, another one is asked instead.
    const again = await playOne({ channelId: "c2" });
    expect(again.claimId).not.toBe(claimId);
    const elsewhere = await playOne({ guildId: "g2", channelId: "c3" });
    expect(elsewhere.claimId).toBe(claimId);

    expect(await t.app.reports.review("g1", claimId, "mod")).toBe(2);
    expect(t.app.reports.resting("g1").size).toBe(0);
    expect(t.app.reports.open("g1")).toEqual([]);
    const afterReview = await playOne({ channelId: "c4" });
    expect(afterReview.claimId).toBe(claimId);
  });
});

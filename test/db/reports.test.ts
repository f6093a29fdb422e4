import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { limitProblems } from "../../src/discord/limits.ts";
import { renderView } from "../../src/discord/payload.ts";
import { handleComponent } from "../../src/interactions/buttons/index.ts";
import type { StartRequest } from "../../src/quiz/round-types.ts";
import { recordingContext } from "../support/hostile.ts";
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

/**
 * Plays a one-question round to its end, answered by `players`; returns the round id and the
 * claim it asked.
 */
async function playOne(
  over: Partial<StartRequest> = {},
  players: readonly string[] = ["anna", "ben"],
): Promise<{ roundId: number; claimId: string }> {
  const channelId = over.channelId ?? "c1";
  const started = await t.app.quiz.start(request(over));
  if (!started.ok) throw new Error(`round did not start: ${started.reason}`);
  const opened = await t.app.quiz.openNext(channelId);
  for (const userId of players)
    await t.app.quiz.answer(channelId, { userId, userName: userId, option: 0 });
  await t.app.quiz.finish(channelId);
  return { roundId: started.roundId, claimId: opened?.question.claimId as string };
}

const report = (
  roundId: number,
  userId: string,
  where: { guildId?: string; channelId?: string; position?: number } = {},
) =>
  t.app.reports.report({
    guildId: where.guildId ?? "g1",
    channelId: where.channelId ?? "c1",
    roundId,
    position: where.position ?? 0,
    userId,
    userName: userId,
    reason: "falsch",
  });

describe("reports of wrong questions", () => {
  it("are stored once per member, and only for a question posted in the reporter's server and channel", async () => {
    const { roundId, claimId } = await playOne();
    expect(await report(roundId, "anna")).toBe("reported");
    expect(await report(roundId, "anna")).toBe("already");
    expect(await report(roundId, "anna", { guildId: "other-server" })).toBe("unknown");
    expect(await report(roundId, "anna", { channelId: "c2" })).toBe("unknown");
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
    expect((await t.app.reports.resting("g1")).size).toBe(0);
    expect(await t.app.reports.open("g1")).toMatchObject([
      { claimId, reporters: 1, resting: false },
    ]);
    await report(roundId, "ben");
    expect(await t.app.reports.resting("g1")).toEqual(new Set([claimId]));
    expect((await t.app.reports.resting("g2")).size).toBe(0);
    expect(await t.app.reports.open()).toMatchObject([
      { guildId: "g1", claimId, reporters: 2, players: 2, resting: true },
    ]);

    // The same seed would ask the same claim: while it rests, another one is asked instead.
    const again = await playOne({ channelId: "c2" });
    expect(again.claimId).not.toBe(claimId);
    const elsewhere = await playOne({ guildId: "g2", channelId: "c3" });
    expect(elsewhere.claimId).toBe(claimId);

    expect(await t.app.reports.review("g1", claimId, "mod")).toBe(2);
    expect((await t.app.reports.resting("g1")).size).toBe(0);
    expect(await t.app.reports.open("g1")).toEqual([]);
    const afterReview = await playOne({ channelId: "c4" });
    expect(afterReview.claimId).toBe(claimId);
  });

  it("refuse forged ids: questions of a stopped round that were never posted", async () => {
    for (let cycle = 0; cycle < 12; cycle++) {
      const started = await t.app.quiz.start(request({ count: 10, seed: cycle }));
      if (!started.ok) throw new Error(started.reason);
      await t.app.quiz.openNext("c1");
      await t.app.quiz.stop("c1", { userId: "starter", canManageMessages: false });
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, position) =>
          report(started.roundId, "starter", { position }),
        ),
      );
      expect(outcomes.filter((o) => o === "reported")).toHaveLength(1);
      expect(outcomes.filter((o) => o === "unknown")).toHaveLength(9);
    }
    expect((await t.app.reports.resting("g1")).size).toBe(0);
  });

  it("let a claim rest only on reports of distinct members who played the round that asked it", async () => {
    const { roundId, claimId } = await playOne({}, ["anna"]);
    await report(roundId, "anna");
    await report(roundId, "onlooker");
    await report(roundId, "another-onlooker");
    expect((await t.app.reports.resting("g1")).size).toBe(0);
    expect(await t.app.reports.open("g1")).toMatchObject([
      { claimId, reporters: 3, players: 1, resting: false },
    ]);
    // Playing another round that asks something else does not make a report on this one count.
    const other = await playOne({ channelId: "c2", seed: 99 }, ["onlooker"]);
    expect(other.claimId).not.toBe(claimId);
    expect((await t.app.reports.resting("g1")).size).toBe(0);
    const again = await playOne({ channelId: "c3" }, ["ben"]);
    expect(again.claimId).toBe(claimId);
    await report(again.roundId, "ben", { channelId: "c3" });
    expect(await t.app.reports.resting("g1")).toEqual(new Set([claimId]));
  });

  it("are listed for moderators page by page (Previous/Next), within Discord's limits", async () => {
    const started = await t.app.quiz.start(request({ count: 6 }));
    if (!started.ok) throw new Error(started.reason);
    for (let position = 0; position < 6; position++) {
      await t.app.quiz.openNext("c1");
      await t.app.quiz.closeCurrent("c1");
      await report(started.roundId, "anna", { position });
    }
    await t.app.quiz.finish("c1");
    const { ctx, views, recorder } = recordingContext(t.app);
    const press = (canManageMessages: boolean) =>
      handleComponent(
        ctx,
        {
          actor: { id: "mod", name: "Mod" },
          guildId: "g1",
          channelId: "c1",
          lang: "en",
          canManageMessages,
          customId: "reports:1",
        },
        recorder,
      );
    await press(true);
    await press(false);
    expect(views[0]?.content).toContain("Page 2 of 2");
    expect(views[0]?.cards).toHaveLength(2);
    expect(limitProblems(renderView(views[0] ?? {}))).toEqual([]);
    expect(views[1]?.cards).toBeUndefined();
  });
});

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitProblems } from "../../src/discord/limits.ts";
import { renderView } from "../../src/discord/payload.ts";
import { COMMANDS } from "../../src/interactions/commands/index.ts";
import type { InteractionContext } from "../../src/interactions/context.ts";
import { handleForm } from "../../src/interactions/forms/index.ts";
import type { Responder } from "../../src/interactions/request.ts";
import type { View } from "../../src/interactions/view.ts";
import { hostileText, recordingContext } from "../support/hostile.ts";
import { indexedTempApp, type TempApp } from "../support/temp-app.ts";

let t: TempApp;
let ctx: InteractionContext;
let views: View[];
let recorder: Responder;
const CHANNEL = "forms";
let roundId = 0;

beforeAll(async () => {
  t = await indexedTempApp();
  ({ ctx, views, recorder } = recordingContext(t.app));
  const started = await ctx.quiz.start({
    guildId: "g1",
    channelId: CHANNEL,
    starterId: "starter",
    count: 2,
    seed: 1,
    kind: "typed",
    lang: "de",
    seconds: 600,
  });
  if (!started.ok) throw new Error(`no round: ${started.reason}`);
  await ctx.quiz.openNext(CHANNEL);
  roundId = ctx.quiz.current(CHANNEL)?.roundId ?? 0;
});
afterAll(async () => {
  await ctx.runner.shutdown();
  await t.cleanup();
});

const submit = (customId: string, field: string, text: string, userId: string) =>
  handleForm(
    ctx,
    {
      actor: { id: userId, name: text.slice(0, 40) },
      guildId: "g1",
      channelId: CHANNEL,
      lang: "en",
      canManageMessages: false,
      customId,
      fields: { [field]: text },
    },
    recorder,
  );

const privateAndWithinLimits = () => {
  expect(views.length).toBeGreaterThan(0);
  for (const view of views) {
    expect(limitProblems(renderView(view))).toEqual([]);
    expect(view.ephemeral).toBe(true);
  }
};

describe("hostile text in the forms", () => {
  it("typed answers: answered privately within the limits, stored once per player", async () => {
    let player = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        views.length = 0;
        await submit(`answer:${roundId}:0`, "answer", text, `p${player++}`);
        privateAndWithinLimits();
      }),
      { numRuns: 150 },
    );
    const stored = t.app.db.$client
      .prepare("SELECT count(*) AS n, count(DISTINCT user_id) AS users FROM answers")
      .get() as { n: number; users: number };
    // Blank text is refused before it is stored; everything else is an answer of its own.
    expect(stored.n).toBeGreaterThan(50);
    expect(stored.n).toBe(stored.users);
  });

  it("reports: stored, and the moderators' list stays within the limits", async () => {
    await ctx.quiz.closeCurrent(CHANNEL);
    let player = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        views.length = 0;
        await submit(`reason:${roundId}:0`, "reason", text, `r${player++}`);
        privateAndWithinLimits();
      }),
      { numRuns: 100 },
    );
    const reported = t.app.db.$client
      .prepare("SELECT count(*) AS n, max(length(reason)) AS longest FROM reports")
      .get() as { n: number; longest: number };
    expect(reported.n).toBeGreaterThan(50);
    expect(reported.longest).toBeLessThanOrEqual(500);
    views.length = 0;
    const quiz = COMMANDS.find((c) => c.data.name === "quiz");
    await quiz?.execute(
      ctx,
      {
        actor: { id: "mod", name: "Mod" },
        guildId: "g1",
        channelId: CHANNEL,
        lang: "de",
        canManageMessages: true,
        command: "quiz",
        subcommand: "reports",
        options: {},
      },
      recorder,
    );
    expect(views.length).toBeGreaterThan(0);
    expect(JSON.stringify(views)).toContain("Gemeldete Fragen");
    for (const view of views) expect(limitProblems(renderView(view))).toEqual([]);
  });

  it("forged form ids get a private answer, never a crash", async () => {
    const forged = fc.oneof(
      hostileText,
      fc
        .tuple(fc.constantFrom("answer", "reason"), fc.nat(10 ** 12), fc.nat(999))
        .map(([kind, r, p]) => `${kind}:${r}:${p}`),
    );
    await fc.assert(
      fc.asyncProperty(forged, hostileText, async (customId, text) => {
        views.length = 0;
        await submit(customId, "answer", text, "forger");
        privateAndWithinLimits();
      }),
      { numRuns: 150 },
    );
  });
});

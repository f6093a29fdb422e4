import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitProblems } from "../../src/discord/limits.ts";
import { renderView } from "../../src/discord/payload.ts";
import { handleComponent } from "../../src/interactions/buttons/index.ts";
import { COMMANDS } from "../../src/interactions/commands/index.ts";
import type { InteractionContext } from "../../src/interactions/context.ts";
import type { OptionValue, Responder } from "../../src/interactions/request.ts";
import type { View } from "../../src/interactions/view.ts";
import { hostileText, recordingContext } from "../support/hostile.ts";
import { indexedTempApp, type TempApp } from "../support/temp-app.ts";

let t: TempApp;
let ctx: InteractionContext;
let views: View[];
let recorder: Responder;

beforeAll(async () => {
  t = await indexedTempApp();
  ({ ctx, views, recorder } = recordingContext(t.app));
});
afterAll(async () => {
  await ctx.runner.shutdown();
  await t.cleanup();
});

const optionValue: fc.Arbitrary<OptionValue> = fc.oneof(
  hostileText,
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.boolean(),
  fc.constant(undefined),
);

describe("hostile input through every command", () => {
  it("never throws, and every answer fits Discord's limits", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMANDS),
        fc.constantFrom(undefined, "start", "stop"),
        fc.dictionary(
          fc.constantFrom(
            "query",
            "article",
            "results",
            "private",
            "paragraph",
            "questions",
            "topic",
            "kind",
            "seconds",
            "period",
            "user",
            "user_name",
          ),
          optionValue,
          { maxKeys: 6 },
        ),
        fc.constantFrom(null, "g1"),
        fc.constantFrom("de" as const, "en" as const),
        hostileText,
        async (command, subcommand, options, guildId, lang, name) => {
          views.length = 0;
          await command.execute(
            ctx,
            {
              actor: { id: "u1", name },
              guildId,
              channelId: "c1",
              lang,
              canManageMessages: false,
              command: command.data.name,
              subcommand,
              options,
            },
            recorder,
          );
          expect(views.length).toBeGreaterThan(0);
          await ctx.runner.stop("c1", { userId: "u1", canManageMessages: true });
          for (const view of views) expect(limitProblems(renderView(view))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("hostile and forged button ids", () => {
  it("get a private answer within the limits, never a crash", async () => {
    const forged = fc.oneof(
      hostileText,
      fc
        .tuple(fc.stringMatching(/^[0-9a-f]{1,16}$/), fc.nat(999), fc.constantFrom(0, 1))
        .map(([s, p, c]) => `cite:${s}:${p}:${c}`),
      fc.tuple(fc.nat(10 ** 12), fc.nat(999), fc.nat(9)).map(([r, p, o]) => `quiz:${r}:${p}:${o}`),
      fc
        .tuple(fc.stringMatching(/^[0-9a-f]{1,16}$/), fc.nat(999), fc.nat(9))
        .map(([s, i, o]) => `review:${s}:${i}:${o}`),
    );
    await fc.assert(
      fc.asyncProperty(forged, fc.constantFrom(null, "g1"), async (customId, guildId) => {
        views.length = 0;
        await handleComponent(
          ctx,
          {
            actor: { id: "intruder", name: "Eve" },
            guildId,
            channelId: "c1",
            lang: "de",
            canManageMessages: false,
            customId,
          },
          recorder,
        );
        expect(views.length).toBeGreaterThan(0);
        for (const view of views) {
          expect(limitProblems(renderView(view))).toEqual([]);
          expect(view.ephemeral).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("refuses another user's /cite buttons", async () => {
    views.length = 0;
    const session = ctx.citeSessions.add({
      userId: "owner",
      query: "Musk",
      results: ctx.search.search("Musk", { limit: 3 }),
      private: false,
    });
    await handleComponent(
      ctx,
      {
        actor: { id: "intruder", name: "Eve" },
        guildId: "g1",
        channelId: "c1",
        lang: "en",
        canManageMessages: true,
        customId: `cite:${session}:1:0`,
      },
      recorder,
    );
    expect(views).toEqual([
      { content: "This button belongs to someone else's request.", ephemeral: true },
    ]);
  });
});

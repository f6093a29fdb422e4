import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInteractionContext } from "../../src/app.ts";
import { findCommand } from "../../src/interactions/commands/index.ts";
import type { InteractionContext } from "../../src/interactions/context.ts";
import type { OptionValue, Responder } from "../../src/interactions/request.ts";
import type { View } from "../../src/interactions/view.ts";
import { indexedTempApp, type TempApp } from "../support/temp-app.ts";

let t: TempApp;
let ctx: InteractionContext;
beforeAll(async () => {
  t = await indexedTempApp();
  ctx = createInteractionContext(t.app, { post: async () => ({ edit: async () => {} }) });
});
afterAll(async () => {
  await ctx.runner.shutdown();
  await t.cleanup();
});

async function run(
  command: string,
  options: Record<string, OptionValue>,
  { subcommand, lang = "de" }: { subcommand?: string; lang?: "de" | "en" } = {},
): Promise<View[]> {
  const views: View[] = [];
  const respond: Responder = {
    defer: async () => {},
    reply: async (v) => void views.push(v),
    update: async (v) => void views.push(v),
    followUp: async (v) => void views.push(v),
    showForm: async () => {},
  };
  await findCommand(command)?.execute(
    ctx,
    {
      actor: { id: "u1", name: "Anna" },
      guildId: "g1",
      channelId: "c-options",
      lang,
      canManageMessages: false,
      command,
      subcommand,
      options,
    },
    respond,
  );
  return views;
}

describe("option values outside what a command takes", () => {
  it("are refused privately, naming the accepted values, never replaced silently", async () => {
    const board = await run("leaderboard", { period: "today" }, { lang: "en" });
    expect(board).toEqual([
      {
        content: "There is no “today” for “period”. Possible: all time, this week, today.",
        ephemeral: true,
      },
    ]);
    const many = await run("quiz", { questions: 50 }, { subcommand: "start" });
    expect(many).toEqual([{ content: "„fragen“ muss zwischen 1 und 20 liegen.", ephemeral: true }]);
    const fast = await run("quiz", { seconds: 5 }, { subcommand: "start", lang: "en" });
    expect(fast[0]?.content).toBe("“seconds” must be between 10 and 120.");
    const topic = await run("quiz", { topic: "astrologie" }, { subcommand: "start" });
    expect(topic[0]).toMatchObject({ ephemeral: true });
    expect(topic[0]?.content).toMatch(
      /„astrologie“ gibt es für „thema“ nicht\. Möglich: .*Amtseinführung/,
    );
    const article = await run("cite", { query: "Musk", article: "gibt-es-nicht" });
    expect(article[0]?.content).toMatch(/Möglich: .*bezos-statt-musk/);
    expect(ctx.quiz.current("c-options")).toBeUndefined();
  });
});

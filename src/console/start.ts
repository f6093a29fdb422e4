import { userInfo } from "node:os";
import { type App, createInteractionContext } from "../app.ts";
import type { RoundSettings } from "../interactions/commands/quiz.ts";
import type { Actor } from "../interactions/request.ts";
import { inlineRenderer } from "../pictures/render.ts";
import type { Lang } from "../quiz/types.ts";
import { type ConsoleIo, LocalConsole } from "./console.ts";

/** The person at the terminal. */
function localActor(): Actor {
  const name = userInfo().username || "you";
  return { id: `console:${name}`, name };
}

/** Runs the local console over the app's services until its input ends; pictures go to `picturesDir`. */
export async function runConsole(app: App, io: ConsoleIo, picturesDir: string): Promise<void> {
  const console = new LocalConsole(io, app.clock, { dir: picturesDir, renderer: inlineRenderer });
  const ctx = createInteractionContext(app, console.poster);
  try {
    await console.run(ctx, localActor());
  } finally {
    await ctx.runner.shutdown();
  }
}

/** `cli quiz`: one round in the terminal, as the console's /quiz plays it. */
export async function playQuiz(
  app: App,
  io: ConsoleIo,
  lang: Lang,
  settings: RoundSettings,
  picturesDir: string,
): Promise<number> {
  const console = new LocalConsole(io, app.clock, { dir: picturesDir, renderer: inlineRenderer });
  const ctx = createInteractionContext(app, console.poster);
  try {
    return await console.playRound(ctx, localActor(), lang, settings);
  } finally {
    await ctx.runner.shutdown();
  }
}

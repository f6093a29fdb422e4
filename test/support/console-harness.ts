import { join } from "node:path";
import type { Writable } from "node:stream";
import { PassThrough } from "node:stream";
import { createInteractionContext } from "../../src/app.ts";
import { LocalConsole } from "../../src/console/console.ts";
import { inlineRenderer } from "../../src/pictures/render.ts";
import { indexedTempApp } from "./temp-app.ts";

/** A console over an indexed temporary database, with a controllable clock and what it prints. */
export async function consoleHarness(start = 1_800_000_000_000) {
  const clock = { now: start };
  const now = () => clock.now;
  const t = await indexedTempApp({ clock: now });
  const output = new PassThrough() as PassThrough & Writable;
  let printed = "";
  output.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  // Pictures go into the app's temporary folder, removed with it.
  const picturesDir = join(t.dir, "pictures");
  const local = new LocalConsole({ input: new PassThrough(), output }, now, {
    dir: picturesDir,
    renderer: inlineRenderer,
  });
  const ctx = createInteractionContext(t.app, local.poster, { revealPauseMs: 5, tickMs: 5 });
  return {
    ctx,
    clock,
    local,
    picturesDir,
    type: (line: string, actor = { id: "u1", name: "Anna" }) => local.handle(ctx, actor, line),
    printed: () => printed,
    clear: () => {
      printed = "";
    },
    cleanup: async () => {
      await ctx.runner.shutdown();
      await t.cleanup();
    },
  };
}

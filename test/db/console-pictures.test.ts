import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { consoleHarness } from "../support/console-harness.ts";
import { decodePng } from "../support/png.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** The paths the console said it saved pictures to, in order. */
const savedPaths = (printed: string, word: string) =>
  [...printed.matchAll(new RegExp(`${word}: (\\S+\\.png)`, "g"))].map((m) => m[1] as string);

describe("pictures in the local console", () => {
  it("prints the text and saves the standings, /leaderboard and /stats as PNGs it names", async () => {
    const h = await consoleHarness();
    cleanups.push(h.cleanup);
    await h.type("/quiz start questions:1 seconds:10 kind:mc");
    await until(() => h.printed().includes("[A]"));
    await h.type("A");
    await until(() => savedPaths(h.printed(), "Bild gespeichert").length === 1);
    expect(h.printed()).toMatch(/Anna — \*\*\d+\*\* Punkte \(\d\/1\)/);
    await h.type("/rangliste");
    await h.type("/lang en");
    await h.type("/stats");
    expect(h.printed()).toContain("Accuracy by topic");
    const paths = [
      ...savedPaths(h.printed(), "Bild gespeichert"),
      ...savedPaths(h.printed(), "Picture saved"),
    ];
    expect(paths.map((p) => p.slice(h.picturesDir.length + 1).replace(/-.*/, ""))).toEqual([
      "standings",
      "leaderboard",
      "stats",
    ]);
    expect(readdirSync(h.picturesDir).sort()).toEqual(
      paths.map((p) => p.slice(h.picturesDir.length + 1)).sort(),
    );
    for (const path of paths) {
      const png = await decodePng(readFileSync(path));
      expect(png.width).toBe(800);
      expect(png.colours).toBeGreaterThan(20);
    }
    expect(paths.every((p) => p.startsWith(join(h.picturesDir, "")))).toBe(true);
  }, 60_000);
});

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

/** What each language calls things: the commands, the saved line, the texts to find. */
const LANGUAGES = {
  de: {
    saved: "Bild gespeichert",
    leaderboard: "/rangliste",
    stats: "/statistik",
    texts: [
      "Endstand",
      "Rangliste · gesamt",
      "Statistik von Anna",
      "Letzte 30 Tage",
      "Trefferquote nach Thema",
    ],
  },
  en: {
    saved: "Picture saved",
    leaderboard: "/leaderboard",
    stats: "/stats",
    texts: [
      "Final standings",
      "Leaderboard · all time",
      "Stats of Anna",
      "Last 30 days",
      "Accuracy by topic",
    ],
  },
} as const;

describe("pictures in the local console", () => {
  it.each(Object.entries(LANGUAGES))(
    "in %s: prints the full text and saves the standings, /leaderboard and /stats as PNGs it names",
    async (lang, words) => {
      const h = await consoleHarness();
      cleanups.push(h.cleanup);
      await h.type(`/lang ${lang}`);
      await h.type("/quiz start questions:1 seconds:10 kind:mc");
      await until(() => h.printed().includes("[A]"));
      await h.type("A");
      await until(() => h.printed().includes(`${words.saved}:`));
      await h.type(words.leaderboard);
      await h.type(words.stats);
      const printed = h.printed();
      for (const text of words.texts) expect(printed).toContain(text);
      expect(printed).toMatch(/Anna — \*\*\d+\*\* (Punkte|points) \(\d\/1\)/);
      const paths = [...printed.matchAll(new RegExp(`${words.saved}: (\\S+\\.png)`, "g"))].map(
        (m) => m[1] as string,
      );
      const names = paths.map((p) => p.slice(h.picturesDir.length + 1));
      expect(names.map((n) => n.replace(/-.*/, ""))).toEqual(["standings", "leaderboard", "stats"]);
      expect(readdirSync(h.picturesDir).sort()).toEqual([...names].sort());
      for (const path of paths) {
        expect(path.startsWith(join(h.picturesDir, ""))).toBe(true);
        const png = await decodePng(readFileSync(path));
        expect(png.width).toBe(800);
        expect(png.colours).toBeGreaterThan(20);
      }
    },
    60_000,
  );
});

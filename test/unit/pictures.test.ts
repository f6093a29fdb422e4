import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { rankingPicture } from "../../src/interactions/views/pictures.ts";
import { type Chart, chartSize } from "../../src/pictures/charts.ts";
import { COLOURS, label } from "../../src/pictures/draw.ts";
import { fitText } from "../../src/pictures/fit.ts";
import { font, registerFonts } from "../../src/pictures/fonts.ts";
import { renderChart } from "../../src/pictures/render.ts";
import { decodePng, pixelAt } from "../support/png.ts";

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    label: `Spieler ${i + 1}`,
    value: 1000 - i * 80,
    caption: `${1000 - i * 80} Punkte · ${90 - i} %`,
  }));

const days = Array.from({ length: 30 }, (_, i) => ({
  label: `${i + 1}.11.`,
  value: (i * 37) % 300,
}));

const CHARTS: Record<string, Chart> = {
  bars: { kind: "ranking", layout: "bars", title: "Rangliste · gesamt", rows: rows(10) },
  podium: {
    kind: "ranking",
    layout: "podium",
    title: "Endstand",
    subtitle: "10 Spieler",
    rows: rows(10),
  },
  "short podium": { kind: "ranking", layout: "podium", title: "Endstand", rows: rows(2) },
  member: {
    kind: "member",
    title: "Statistik von Anna",
    daysHeading: "Punkte der letzten 30 Tage: 4.321 Punkte",
    days,
    topicsHeading: "Trefferquote nach Thema",
    noTopics: "keine",
    topics: [
      { label: "Amtseinführung", share: 0.8, caption: "80 % (8/10)" },
      { label: "Golden Dome", share: 0.25, caption: "25 % (1/4)" },
    ],
  },
  "member without topics": {
    kind: "member",
    title: "Statistik von Ben",
    daysHeading: "Punkte der letzten 30 Tage: 0 Punkte",
    days: days.map((d) => ({ ...d, value: 0 })),
    topicsHeading: "Trefferquote nach Thema",
    noTopics: "Noch keine Fragen mit Thema beantwortet.",
    topics: [],
  },
};

describe("pictures", () => {
  it.each(Object.entries(CHARTS))(
    "draws a %s chart as a PNG of its size with content",
    async (_, chart) => {
      const png = await decodePng(await renderChart(chart));
      expect({ width: png.width, height: png.height }).toEqual(chartSize(chart));
      expect(png.colours).toBeGreaterThan(20);
      // The bars and columns are drawn in the bar colour.
      const bar = Number.parseInt(COLOURS.bar.slice(1), 16);
      let barPixels = 0;
      for (let i = 0; i < png.width * png.height; i++)
        if (pixelAt(png, i % png.width, Math.floor(i / png.width)) === bar) barPixels++;
      expect(barPixels > 0).toBe(chart.kind === "ranking" || chart.days.some((d) => d.value > 0));
    },
  );

  it("grows a ranking by its rows, up to ten", () => {
    const bars = (n: number) =>
      chartSize({ kind: "ranking", layout: "bars", title: "", rows: rows(n) });
    expect(bars(5).height).toBeLessThan(bars(10).height);
    expect(bars(25)).toEqual(bars(10));
  });

  it("keeps a label inside its box, however wide or tall its text draws", async () => {
    registerFonts();
    const canvas = createCanvas(300, 100);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, 300, 100);
    const box = { x: 100, middle: 50, width: 100, height: 30 };
    const zalgo = `Z${"\u0336\u0337\u0338\u0300\u0301\u0302\u0303".repeat(20)}algo`;
    label(ctx, `${zalgo} ${"W".repeat(40)} 山田太郎`, box, { size: 24 });
    const png = await decodePng(await canvas.encode("png"));
    let inside = 0;
    for (let y = 0; y < 100; y++)
      for (let x = 0; x < 300; x++) {
        const inBox = x >= 100 && x < 200 && y >= 35 && y < 65;
        const white = pixelAt(png, x, y) === 0xffffff;
        if (!inBox) expect(white, `pixel ${x},${y}`).toBe(true);
        else if (!white) inside++;
      }
    expect(inside).toBeGreaterThan(50);
  });

  it("cuts text between graphemes, by its drawn width, with an ellipsis", () => {
    registerFonts();
    const ctx = createCanvas(10, 10).getContext("2d");
    ctx.font = font(20);
    const measure = (t: string) => ctx.measureText(t).width;
    expect(fitText("Anna", 200, measure)).toBe("Anna");
    const family = "👩‍👩‍👧‍👦";
    const cut = fitText(`Zoë${family.repeat(20)}`, 80, measure);
    expect(cut.endsWith("…")).toBe(true);
    expect(measure(cut)).toBeLessThanOrEqual(80);
    // Whole families only: the text before the ellipsis is Zoë and whole family emoji.
    expect(cut.slice(0, -1).replace(/^Zoë/, "").split(family).join("")).toBe("");
    expect(fitText("\u202Eevil\u0007\n", 200, measure)).toBe("evil");
    expect(fitText("\u0000\u202E", 200, measure)).toBe("?");
    expect(fitText("WWWW", 1, measure)).toBe("");
  });

  it("describes a ranking in words, names and figures, within Discord's 1,024 characters", () => {
    const standings = Array.from({ length: 12 }, (_, i) => ({
      userId: `u${i}`,
      userName: `${"名".repeat(30)}\u202E${i}`,
      points: 100 * (12 - i),
      correct: 1,
      answered: 2,
    }));
    const picture = rankingPicture(standings, "en", {
      name: "leaderboard.png",
      layout: "bars",
      title: "Leaderboard",
    });
    expect(picture.chart).toMatchObject({ kind: "ranking", layout: "bars" });
    if (picture.chart.kind !== "ranking") throw new Error("not a ranking");
    expect(picture.chart.rows).toHaveLength(10);
    expect(picture.chart.rows[0]?.caption).toBe("1,200 points · 50 %");
    expect(picture.alt.length).toBeLessThanOrEqual(1024);
    expect(picture.alt).toMatch(
      /^Leaderboard, as a bar chart: 1\. 名+0, 1,200 points, 50 % right; 2\. /,
    );
    expect(picture.alt).not.toContain("\u202E");
    const short = rankingPicture(standings.slice(0, 2), "de", {
      name: "x.png",
      layout: "podium",
      title: "Endstand",
    });
    expect(short.alt).toBe(
      `Endstand, als Balkenbild: 1. ${"名".repeat(30)}0, 1.200 Punkte, 50 % richtig; 2. ${"名".repeat(30)}1, 1.100 Punkte, 50 % richtig.`,
    );
  });
});

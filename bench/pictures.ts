import { memberPicture, rankingPicture } from "../src/interactions/views/pictures.ts";
import type { Chart } from "../src/pictures/charts.ts";
import { renderChart } from "../src/pictures/render.ts";
import { percentile } from "./stats.ts";

/** Ten players with names as they come: several scripts, emoji, marks, Discord's 32 characters. */
const NAMES = [
  "Anna",
  "Бен Петров",
  "山田太郎",
  "محمد عبد الله",
  "שרה לוי",
  "Zoë 👩‍👩‍👧‍👦🇩🇪",
  "Z\u0336\u0337\u0338\u0300\u0301algo",
  "W".repeat(32),
  "김민수 Kim",
  "Jürgen Müller-Lüdenscheidt",
];

function surfaces(): Record<string, Chart> {
  const standings = NAMES.map((userName, i) => ({
    userId: `u${i}`,
    userName,
    points: 1500 - i * 130,
    correct: 10 - i,
    answered: 10,
  }));
  const days = Array.from({ length: 30 }, (_, i) => ({
    date: `2026-11-${String(i + 1).padStart(2, "0")}`,
    points: (i * 137) % 500,
  }));
  const topics = NAMES.slice(0, 8).map((tag, i) => ({ tag, correct: i, answered: 8 }));
  return {
    "round standings (podium, 10 players)": rankingPicture(standings, "de", {
      name: "standings.png",
      layout: "podium",
      title: "Endstand",
      subtitle: "10 Spieler",
    }).chart,
    "/leaderboard (bars, top 10)": rankingPicture(standings, "de", {
      name: "leaderboard.png",
      layout: "bars",
      title: "Rangliste · gesamt",
    }).chart,
    "/stats (30 days, 8 topics)": memberPicture("Statistik von Anna", days, topics, (t) => t, "de")
      .chart,
  };
}

export interface PictureFigures {
  readonly surface: string;
  readonly runs: number;
  /** From the chart to the PNG's bytes. */
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** The part that holds the event loop (drawing; PNG encoding runs on libuv's pool). */
  readonly blockingP95Ms: number;
  readonly bytes: number;
}

/** Renders each surface `runs` times in a row (after one warm-up) and takes the percentiles. */
export async function measurePictures(runs: number): Promise<PictureFigures[]> {
  const figures: PictureFigures[] = [];
  for (const [surface, chart] of Object.entries(surfaces())) {
    const bytes = (await renderChart(chart)).byteLength;
    const total: number[] = [];
    const blocking: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const rendering = renderChart(chart);
      blocking.push(performance.now() - start);
      await rendering;
      total.push(performance.now() - start);
    }
    const round = (x: number) => Math.round(x * 10) / 10;
    figures.push({
      surface,
      runs,
      p50Ms: round(percentile(total, 50)),
      p95Ms: round(percentile(total, 95)),
      blockingP95Ms: round(percentile(blocking, 95)),
      bytes,
    });
  }
  return figures;
}

/** The figures as a Markdown table. */
export function picturesReport(figures: readonly PictureFigures[]): string {
  return [
    "| picture | runs | p50 ms | p95 ms | event loop held, p95 ms | PNG bytes |",
    "|---|---:|---:|---:|---:|---:|",
    ...figures.map(
      (f) =>
        `| ${f.surface} | ${f.runs} | ${f.p50Ms} | ${f.p95Ms} | ${f.blockingP95Ms} | ${f.bytes.toLocaleString("en")} |`,
    ),
    "",
  ].join("\n");
}

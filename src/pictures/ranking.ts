import type { SKRSContext2D } from "@napi-rs/canvas";
import { type ChartRow, chartSize, MAX_ROWS, type RankingChart } from "./charts.ts";
import { bar, COLOURS, HEADER, header, label, MARGIN, shareOf, WIDTH } from "./draw.ts";

/** Columns of a bar row: rank, name, bar, figures. */
const RANK = { x: MARGIN, width: 40 };
const NAME = { x: 80, width: 220 };
const BAR = { x: 312, width: 250 };
const CAPTION = { x: 574, width: WIDTH - MARGIN - 574 };

/** One row of bars: its rank, label, bar (a share of the top value) and caption. */
function barRow(
  ctx: SKRSContext2D,
  row: ChartRow,
  rank: number,
  middle: number,
  height: number,
  max: number,
): void {
  const size = height >= 44 ? 20 : 18;
  label(
    ctx,
    `${rank}.`,
    { ...RANK, middle, height },
    { size, colour: COLOURS.muted, align: "right" },
  );
  label(ctx, row.label, { ...NAME, middle, height }, { size });
  bar(
    ctx,
    { ...BAR, middle, height: height * 0.55 },
    shareOf(row.value, max),
    row.highlight ? COLOURS.right : COLOURS.bar,
  );
  label(
    ctx,
    row.caption,
    { ...CAPTION, middle, height },
    { size: size - 2, colour: COLOURS.muted, align: "right" },
  );
}

const largest = (rows: readonly ChartRow[]) => Math.max(0, ...rows.map((r) => r.value));

function drawBars(ctx: SKRSContext2D, rows: readonly ChartRow[]): void {
  const max = largest(rows);
  rows.forEach((row, i) => {
    barRow(ctx, row, i + 1, HEADER + 22 + i * 44, 44, max);
  });
}

/** The podium's places, left to right: second, first, third, with their block heights. */
const PLACES = [
  { index: 1, centre: 220, block: 110 },
  { index: 0, centre: 400, block: 150 },
  { index: 2, centre: 580, block: 80 },
] as const;
const PODIUM_FLOOR = HEADER + 234;
const PODIUM_WIDTH = 170;

function drawPodium(ctx: SKRSContext2D, rows: readonly ChartRow[]): void {
  for (const place of PLACES) {
    const row = rows[place.index];
    if (!row) continue;
    const x = place.centre - PODIUM_WIDTH / 2;
    const top = PODIUM_FLOOR - place.block;
    ctx.fillStyle = place.index === 0 ? COLOURS.bar : row.highlight ? COLOURS.right : "#d9a54a";
    ctx.fillRect(x, top, PODIUM_WIDTH, place.block);
    const box = { x: x + 4, width: PODIUM_WIDTH - 8 };
    label(
      ctx,
      String(place.index + 1),
      { ...box, middle: top + 36, height: 56 },
      { size: 40, bold: true, colour: COLOURS.onBar, align: "center" },
    );
    label(
      ctx,
      row.label,
      { ...box, middle: top - 50, height: 32 },
      { size: 20, bold: true, align: "center" },
    );
    label(
      ctx,
      row.caption,
      { ...box, middle: top - 22, height: 24 },
      { size: 16, colour: COLOURS.muted, align: "center" },
    );
  }
  const max = largest(rows);
  rows.slice(3).forEach((row, i) => {
    barRow(ctx, row, i + 4, PODIUM_FLOOR + 36 + i * 40, 40, max);
  });
}

/** Draws a ranking on a canvas of chartSize(chart). */
export function drawRanking(ctx: SKRSContext2D, chart: RankingChart): void {
  header(ctx, chartSize(chart).height, chart.title, chart.subtitle);
  const rows = chart.rows.slice(0, MAX_ROWS);
  if (chart.layout === "podium") drawPodium(ctx, rows);
  else drawBars(ctx, rows);
}

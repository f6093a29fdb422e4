import type { SKRSContext2D } from "@napi-rs/canvas";
import { chartSize, MAX_TOPICS, type MemberChart } from "./charts.ts";
import { bar, COLOURS, HEADER, header, label, MARGIN, shareOf, WIDTH } from "./draw.ts";

/** The points-per-day columns: where the plot sits and how often a day is named under it. */
const PLOT = { x: 80, width: WIDTH - MARGIN - 80, top: HEADER + 40, height: 150 };
const DAY_LABEL_EVERY = 7;

function drawDays(ctx: SKRSContext2D, chart: MemberChart): void {
  const width = WIDTH - 2 * MARGIN;
  label(
    ctx,
    chart.daysHeading,
    { x: MARGIN, middle: HEADER + 14, width, height: 28 },
    { size: 18, bold: true },
  );
  const days = chart.days;
  const max = Math.max(0, ...days.map((d) => d.value));
  const floor = PLOT.top + PLOT.height;
  ctx.fillStyle = COLOURS.track;
  ctx.fillRect(PLOT.x, floor, PLOT.width, 2);
  const axis = { x: MARGIN, width: PLOT.x - MARGIN - 8, height: 20 };
  const small = { size: 14, colour: COLOURS.muted, align: "right" } as const;
  // With no points the scale has one value: "0" at the top as well would read as a broken axis.
  if (max > 0) label(ctx, String(max), { ...axis, middle: PLOT.top + 6 }, small);
  label(ctx, "0", { ...axis, middle: floor - 6 }, small);
  if (days.length === 0) return;
  const step = PLOT.width / days.length;
  days.forEach((day, i) => {
    const height = Math.round(shareOf(day.value, max) * PLOT.height);
    const x = PLOT.x + i * step;
    if (height > 0) {
      ctx.fillStyle = COLOURS.bar;
      ctx.fillRect(x + 2, floor - Math.max(3, height), Math.max(1, step - 4), Math.max(3, height));
    }
    // Days are named counting back from the last, so today always has its label.
    if ((days.length - 1 - i) % DAY_LABEL_EVERY === 0)
      label(
        ctx,
        day.label,
        { x: x + step / 2 - 40, width: 80, middle: floor + 18, height: 22 },
        { size: 14, colour: COLOURS.muted, align: "center" },
      );
  });
}

function drawTopics(ctx: SKRSContext2D, chart: MemberChart): void {
  const top = HEADER + 220;
  label(
    ctx,
    chart.topicsHeading,
    { x: MARGIN, middle: top + 28, width: WIDTH - 2 * MARGIN, height: 28 },
    { size: 18, bold: true },
  );
  const topics = chart.topics.slice(0, MAX_TOPICS);
  const first = top + 56 + 18;
  if (topics.length === 0) {
    label(
      ctx,
      chart.noTopics,
      { x: MARGIN, middle: first, width: WIDTH - 2 * MARGIN, height: 36 },
      { size: 18, colour: COLOURS.muted },
    );
    return;
  }
  topics.forEach((topic, i) => {
    const middle = first + i * 36;
    label(ctx, topic.label, { x: MARGIN, width: 260, middle, height: 36 }, { size: 18 });
    bar(ctx, { x: 304, width: 300, middle, height: 18 }, topic.share, COLOURS.right, true);
    label(
      ctx,
      topic.caption,
      { x: 616, width: WIDTH - MARGIN - 616, middle, height: 36 },
      { size: 16, colour: COLOURS.muted, align: "right" },
    );
  });
}

/** Draws a member's chart on a canvas of chartSize(chart). */
export function drawMember(ctx: SKRSContext2D, chart: MemberChart): void {
  header(ctx, chartSize(chart).height, chart.title);
  drawDays(ctx, chart);
  drawTopics(ctx, chart);
}

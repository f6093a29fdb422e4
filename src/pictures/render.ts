import { createCanvas } from "@napi-rs/canvas";
import { type Chart, chartSize } from "./charts.ts";
import { registerFonts } from "./fonts.ts";
import { drawMember } from "./member.ts";
import { drawRanking } from "./ranking.ts";

/** Turns charts into PNG bytes; the front ends get one and render what views carry. */
export interface PictureRenderer {
  render(chart: Chart): Promise<Uint8Array>;
}

/** A chart as a PNG, drawn in this thread (the encoding runs on libuv's pool). */
export async function renderChart(chart: Chart): Promise<Uint8Array> {
  registerFonts();
  const { width, height } = chartSize(chart);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  if (chart.kind === "member") drawMember(ctx, chart);
  else drawRanking(ctx, chart);
  const png = await canvas.encode("png");
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** Renders in this thread: drawing a chart takes a few milliseconds (see the benchmark). */
export const inlineRenderer: PictureRenderer = { render: renderChart };

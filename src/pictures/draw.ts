import type { SKRSContext2D } from "@napi-rs/canvas";
import { fitText } from "./fit.ts";
import { font } from "./fonts.ts";

export const WIDTH = 800;
export const MARGIN = 32;
/** Where rows start below the title and subtitle. */
export const HEADER = 96;

export const COLOURS = {
  background: "#f7f5f0",
  text: "#1f2328",
  muted: "#5f6368",
  bar: "#c27c0e",
  right: "#2e8b57",
  track: "#e3ded3",
  onBar: "#ffffff",
} as const;

export interface LabelStyle {
  readonly size: number;
  readonly bold?: boolean;
  readonly colour?: string;
  readonly align?: "left" | "right" | "center";
}

/**
 * Draws text cut to fit a box and clipped to it: a label never reaches into its neighbours or
 * past the picture, however it measures (a tower of combining marks is as tall as it likes, but
 * only its box shows). `x` is the box's left edge; `middle` the vertical centre of the line.
 */
export function label(
  ctx: SKRSContext2D,
  text: string,
  box: { x: number; middle: number; width: number; height: number },
  style: LabelStyle,
): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.middle - box.height / 2, box.width, box.height);
  ctx.clip();
  ctx.font = font(style.size, style.bold);
  ctx.fillStyle = style.colour ?? COLOURS.text;
  ctx.textBaseline = "middle";
  const align = style.align ?? "left";
  ctx.textAlign = align;
  const fitted = fitText(text, box.width, (t) => ctx.measureText(t).width);
  const x =
    align === "left" ? box.x : align === "right" ? box.x + box.width : box.x + box.width / 2;
  ctx.fillText(fitted, x, box.middle);
  ctx.restore();
}

/** The picture's background, its title and the line under it. */
export function header(ctx: SKRSContext2D, height: number, title: string, subtitle?: string): void {
  ctx.fillStyle = COLOURS.background;
  ctx.fillRect(0, 0, WIDTH, height);
  const width = WIDTH - 2 * MARGIN;
  label(ctx, title, { x: MARGIN, middle: 40, width, height: 44 }, { size: 28, bold: true });
  if (subtitle)
    label(
      ctx,
      subtitle,
      { x: MARGIN, middle: 74, width, height: 28 },
      { size: 18, colour: COLOURS.muted },
    );
}

/** A bar of `share` (0–1) of `width`, on a track when asked; a share above 0 always shows. */
export function bar(
  ctx: SKRSContext2D,
  at: { x: number; middle: number; width: number; height: number },
  share: number,
  colour: string,
  track = false,
): void {
  const top = at.middle - at.height / 2;
  if (track) {
    ctx.fillStyle = COLOURS.track;
    ctx.fillRect(at.x, top, at.width, at.height);
  }
  const clamped = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  if (clamped <= 0) return;
  ctx.fillStyle = colour;
  ctx.fillRect(at.x, top, Math.max(3, Math.round(clamped * at.width)), at.height);
}

/** A value's share of the largest value (0 when there is nothing to compare with). */
export function shareOf(value: number, max: number): number {
  return max > 0 && value > 0 ? value / max : 0;
}

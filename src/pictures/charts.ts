/**
 * What a picture shows, as plain data: every text already in the reader's language and every
 * number already formatted, so drawing needs no texts and no locale. Views carry a chart; the
 * front ends turn it into a PNG (render.ts).
 */

/** One ranked entry: a player (standings) or anything else counted (a daily reveal's options). */
export interface ChartRow {
  /** A display name or label as typed: any text, cut to fit when drawn. */
  readonly label: string;
  /** What the bar's length shows (points, votes); negative counts as 0. */
  readonly value: number;
  /** The figures written beside the bar ("320 Punkte · 80 %"). */
  readonly caption: string;
  /** Drawn in the "right" colour (a daily reveal's right option, say). */
  readonly highlight?: boolean;
}

/**
 * A ranking: bars, best first, or a podium for the first three with bars for the rest.
 * At most MAX_ROWS rows are drawn.
 */
export interface RankingChart {
  readonly kind: "ranking";
  readonly layout: "bars" | "podium";
  readonly title: string;
  /** A line under the title (the period, the round). */
  readonly subtitle?: string;
  readonly rows: readonly ChartRow[];
}

/** One day of a member's activity: its short label ("7.12.") and the points of that day. */
export interface ChartDay {
  readonly label: string;
  readonly value: number;
}

/** A topic's share of right answers (0–1), with its figures ("80 % (8/10)"). */
export interface ChartShare {
  readonly label: string;
  readonly share: number;
  readonly caption: string;
}

/** A member's points per day over a period and their accuracy per topic. */
export interface MemberChart {
  readonly kind: "member";
  readonly title: string;
  readonly daysHeading: string;
  /** Oldest first. */
  readonly days: readonly ChartDay[];
  readonly topicsHeading: string;
  /** Shown when there are no topics. */
  readonly noTopics: string;
  readonly topics: readonly ChartShare[];
}

export type Chart = RankingChart | MemberChart;

/** The most rows a ranking draws, the most topics a member chart draws. */
export const MAX_ROWS = 10;
export const MAX_TOPICS = 8;

/** The size of a chart's picture in pixels: fixed by its kind and how many rows it draws. */
export function chartSize(chart: Chart): { width: number; height: number } {
  const width = 800;
  if (chart.kind === "member") {
    const topics = Math.max(1, Math.min(MAX_TOPICS, chart.topics.length));
    return { width, height: 96 + 220 + 56 + topics * 36 + 24 };
  }
  const rows = Math.min(MAX_ROWS, chart.rows.length);
  if (chart.layout === "bars") return { width, height: 96 + Math.max(1, rows) * 44 + 24 };
  const below = Math.max(0, rows - 3);
  return { width, height: 96 + 250 + below * 40 + 24 };
}

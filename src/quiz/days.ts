import type { PointsSlot } from "./stores.ts";

/** Where the days of /stats begin and end: the time zone of the product's study groups. */
export const STATS_TIME_ZONE = "Europe/Berlin";

/** How many days /stats shows points for. */
export const STATS_DAYS = 30;

const DAY_MS = 24 * 60 * 60_000;

/** Points earned on one calendar day ("2026-12-07") of a time zone. */
export interface DayPoints {
  readonly date: string;
  readonly points: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of a moment in a time zone, as "YYYY-MM-DD". */
export function localDate(at: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    // Swedish writes dates as ISO 8601 does.
    format = new Intl.DateTimeFormat("sv-SE", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formats.set(timeZone, format);
  }
  return format.format(at);
}

/**
 * The `count` calendar dates up to the one of `now`, oldest first. Counted on the calendar, not
 * in steps of 24 hours, so a day of 23 or 25 hours (a daylight-saving change) is one day.
 */
export function lastDates(now: number, count: number, timeZone: string): string[] {
  const [year, month, day] = localDate(now, timeZone).split("-").map(Number) as [
    number,
    number,
    number,
  ];
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(year, month - 1, day - (count - 1 - i))).toISOString().slice(0, 10),
  );
}

/** The moment from which slots may fall on one of the last `count` dates (a day early, to be safe). */
export function slotsSince(now: number, count: number): number {
  return now - (count + 1) * DAY_MS;
}

/** Points per calendar day over the last `count` days of a time zone; days without answers are 0. */
export function pointsPerDay(
  slots: readonly PointsSlot[],
  now: number,
  count: number,
  timeZone: string,
): DayPoints[] {
  const byDate = new Map(lastDates(now, count, timeZone).map((date) => [date, 0]));
  for (const slot of slots) {
    const date = localDate(slot.start, timeZone);
    const sum = byDate.get(date);
    if (sum !== undefined) byDate.set(date, sum + slot.points);
  }
  return [...byDate].map(([date, points]) => ({ date, points }));
}

import { addDays, localDay } from "./daily-schedule.ts";
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

/**
 * The `count` calendar dates up to the one of `now`, oldest first. Counted on the calendar, not
 * in steps of 24 hours, so a day of 23 or 25 hours (a daylight-saving change) is one day.
 */
export function lastDates(now: number, count: number, timeZone: string): string[] {
  const today = localDay(now, timeZone);
  return Array.from({ length: count }, (_, i) => addDays(today, i - (count - 1)));
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
    const date = localDay(slot.start, timeZone);
    const sum = byDate.get(date);
    if (sum !== undefined) byDate.set(date, sum + slot.points);
  }
  return [...byDate].map(([date, points]) => ({ date, points }));
}

/**
 * When a question of the day opens and closes, in a server's own time zone. Wall-clock times
 * come from Intl (Node's ICU carries the IANA time-zone database), so daylight-saving changes
 * follow the zone's rules: a local time that does not exist that day (the spring gap) is moved
 * forward by the gap, as a clock would be set; one that occurs twice (the autumn overlap) is
 * taken at its first occurrence. Days are local dates ("2026-03-29"), the key of a day's post.
 */

export const DEFAULT_TIME_ZONE = "Europe/Berlin";
export const DAILY_HOURS = { min: 1, max: 24, default: 20 } as const;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A local time of day. */
export interface LocalTime {
  readonly hour: number;
  readonly minute: number;
}

/** One day's question: its local date, and the window in which it is open. */
export interface Occurrence {
  readonly day: string;
  readonly opensAt: number;
  readonly closesAt: number;
}

/** What the schedule maths needs of a schedule. */
export interface ScheduleTimes {
  readonly time: string;
  readonly timeZone: string;
  readonly hours: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the zone by this IANA name ("Europe/Berlin", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** "20:00", "8:30" or "20" as a local time; undefined for anything else. */
export function parseLocalTime(text: string): LocalTime | undefined {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  return hour < 24 && minute < 60 ? { hour, minute } : undefined;
}

export function formatLocalTime(time: LocalTime): string {
  return `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
}

/** The wall clock of `instant` in the zone, read as if it were UTC (milliseconds). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant))
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** How far the zone's clocks are ahead of UTC at `instant`, whole seconds. */
function offsetAt(instant: number, timeZone: string): number {
  return wallClock(instant, timeZone) - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The local date of `instant` in the zone. */
export function localDay(instant: number, timeZone: string): string {
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 10);
}

/** The day `delta` days after a local date. */
export function addDays(day: string, delta: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY).toISOString().slice(0, 10);
}

/**
 * The instant a local date and time happen in the zone. Zones change their offset at most a few
 * times a year, so the offsets a day before and a day after are the only candidates: a candidate
 * whose wall clock reads the local time is an occurrence (two in an overlap: the first wins);
 * none means the time falls in a gap, and the offset before the change moves it forward.
 */
export function zonedInstant(day: string, time: LocalTime, timeZone: string): number {
  const local = Date.parse(`${day}T00:00:00Z`) + (time.hour * 60 + time.minute) * MINUTE;
  const before = offsetAt(local - DAY, timeZone);
  const after = offsetAt(local + DAY, timeZone);
  const fits = [local - before, local - after].filter((t) => wallClock(t, timeZone) === local);
  return fits.length > 0 ? Math.min(...fits) : local - before;
}

function timeOf(schedule: ScheduleTimes): LocalTime {
  const time = parseLocalTime(schedule.time);
  if (!time) throw new Error(`not a local time: ${schedule.time}`);
  return time;
}

/** The occurrence on a local date. */
export function occurrenceOn(schedule: ScheduleTimes, day: string): Occurrence {
  const opensAt = zonedInstant(day, timeOf(schedule), schedule.timeZone);
  return { day, opensAt, closesAt: opensAt + schedule.hours * 60 * MINUTE };
}

/** The latest occurrence that has opened by `now` (it may have closed). */
export function latestOccurrence(schedule: ScheduleTimes, now: number): Occurrence {
  const today = localDay(now, schedule.timeZone);
  const todays = occurrenceOn(schedule, today);
  return todays.opensAt <= now ? todays : occurrenceOn(schedule, addDays(today, -1));
}

/**
 * The occurrence to post at `now`: the latest one, while it is still open. A day the bot missed
 * entirely (down for its whole window, or a later day has opened since) is never posted.
 */
export function dueOccurrence(schedule: ScheduleTimes, now: number): Occurrence | undefined {
  const latest = latestOccurrence(schedule, now);
  return now < latest.closesAt ? latest : undefined;
}

/** The first occurrence that opens after `now`. */
export function nextOccurrence(schedule: ScheduleTimes, now: number): Occurrence {
  const latest = latestOccurrence(schedule, now);
  return occurrenceOn(schedule, addDays(latest.day, 1));
}

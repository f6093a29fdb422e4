import { describe, expect, it } from "vitest";
import {
  addDays,
  dueOccurrence,
  isTimeZone,
  latestOccurrence,
  localDay,
  nextOccurrence,
  occurrenceOn,
  parseLocalTime,
  zonedInstant,
} from "../../src/quiz/daily-schedule.ts";

const HOUR = 60 * 60_000;
const utc = (iso: string) => Date.parse(iso);
const berlin = { time: "20:00", timeZone: "Europe/Berlin", hours: 20 };

describe("the question of the day's schedule", () => {
  it("reads local times and knows IANA zones", () => {
    expect(parseLocalTime("20:00")).toEqual({ hour: 20, minute: 0 });
    expect(parseLocalTime("8.30")).toEqual({ hour: 8, minute: 30 });
    expect(parseLocalTime("7")).toEqual({ hour: 7, minute: 0 });
    for (const bad of ["24:00", "12:60", "noon", "", "1:2"])
      expect(parseLocalTime(bad)).toBeUndefined();
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("posts at the same local time on both sides of a daylight-saving change", () => {
    // Berlin: CET (+1) until 29 March 2026 02:00, CEST (+2) until 25 October 2026 03:00.
    expect(occurrenceOn(berlin, "2026-03-28").opensAt).toBe(utc("2026-03-28T19:00:00Z"));
    expect(occurrenceOn(berlin, "2026-03-29").opensAt).toBe(utc("2026-03-29T18:00:00Z"));
    expect(occurrenceOn(berlin, "2026-10-24").opensAt).toBe(utc("2026-10-24T18:00:00Z"));
    expect(occurrenceOn(berlin, "2026-10-25").opensAt).toBe(utc("2026-10-25T19:00:00Z"));
    // The day of the change is 23 hours long in spring, 25 in autumn: 24 h would drift.
    const spring = occurrenceOn(berlin, "2026-03-29").opensAt;
    expect(spring - occurrenceOn(berlin, "2026-03-28").opensAt).toBe(23 * HOUR);
    const autumn = occurrenceOn(berlin, "2026-10-25").opensAt;
    expect(autumn - occurrenceOn(berlin, "2026-10-24").opensAt).toBe(25 * HOUR);
  });

  it("moves a time in the spring gap forward and takes the first of an autumn overlap", () => {
    // 02:30 does not exist on 29 March in Berlin: the clock shows 03:30 CEST then.
    expect(zonedInstant("2026-03-29", { hour: 2, minute: 30 }, "Europe/Berlin")).toBe(
      utc("2026-03-29T01:30:00Z"),
    );
    // 02:30 happens twice on 25 October: first in CEST (00:30 UTC), then in CET.
    expect(zonedInstant("2026-10-25", { hour: 2, minute: 30 }, "Europe/Berlin")).toBe(
      utc("2026-10-25T00:30:00Z"),
    );
    expect(zonedInstant("2026-03-08", { hour: 2, minute: 30 }, "America/New_York")).toBe(
      utc("2026-03-08T07:30:00Z"),
    );
    expect(zonedInstant("2026-07-01", { hour: 9, minute: 0 }, "Asia/Kolkata")).toBe(
      utc("2026-07-01T03:30:00Z"),
    );
  });

  it("names days by the local date", () => {
    expect(localDay(utc("2026-03-28T23:30:00Z"), "Europe/Berlin")).toBe("2026-03-29");
    expect(localDay(utc("2026-03-28T23:30:00Z"), "UTC")).toBe("2026-03-28");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("posts a day late once while its window is open, and never after (a restart)", () => {
    const opens = utc("2026-03-28T19:00:00Z");
    // Up at 20:00: due. Restarted at 23:00 inside the window: still the same day, posted late.
    expect(dueOccurrence(berlin, opens)?.day).toBe("2026-03-28");
    expect(dueOccurrence(berlin, opens + 3 * HOUR)?.day).toBe("2026-03-28");
    // Back only after the window closed (16:00 next day): nothing to post until 20:00.
    expect(dueOccurrence(berlin, opens + 20 * HOUR)).toBeUndefined();
    expect(dueOccurrence(berlin, opens - 1)).toBeUndefined();
    // With 24 hours across the spring change, the next day opens before the old one closes:
    // only the latest occurrence is due.
    const allDay = { ...berlin, hours: 24 };
    expect(dueOccurrence(allDay, utc("2026-03-29T18:30:00Z"))?.day).toBe("2026-03-29");
    expect(latestOccurrence(berlin, utc("2026-03-29T17:59:00Z")).day).toBe("2026-03-28");
    expect(nextOccurrence(berlin, utc("2026-03-29T17:59:00Z")).opensAt).toBe(
      utc("2026-03-29T18:00:00Z"),
    );
    expect(nextOccurrence(berlin, utc("2026-03-29T18:00:00Z")).day).toBe("2026-03-30");
  });

  it("handles a time just after midnight against a clock still on the previous day", () => {
    const early = { time: "00:30", timeZone: "Europe/Berlin", hours: 2 };
    const now = utc("2026-03-28T23:10:00Z"); // 00:10 on 29 March in Berlin
    expect(latestOccurrence(early, now).day).toBe("2026-03-28");
    expect(nextOccurrence(early, now).opensAt).toBe(utc("2026-03-28T23:30:00Z"));
  });
});

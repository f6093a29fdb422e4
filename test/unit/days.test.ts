import { describe, expect, it } from "vitest";
import { localDay } from "../../src/quiz/daily-schedule.ts";
import { lastDates, pointsPerDay } from "../../src/quiz/days.ts";

const at = (iso: string) => Date.parse(iso);

describe("the days of /stats", () => {
  it("counts calendar days of the time zone, across a daylight-saving change", () => {
    // Berlin moved its clocks forward on 29 March 2026: that day had 23 hours.
    const now = at("2026-03-31T00:30:00+02:00");
    expect(localDay(now, "Europe/Berlin")).toBe("2026-03-31");
    expect(lastDates(now, 4, "Europe/Berlin")).toEqual([
      "2026-03-28",
      "2026-03-29",
      "2026-03-30",
      "2026-03-31",
    ]);
    // And back on 25 October 2026: 25 hours.
    expect(lastDates(at("2026-10-26T00:10:00+01:00"), 3, "Europe/Berlin")).toEqual([
      "2026-10-24",
      "2026-10-25",
      "2026-10-26",
    ]);
  });

  it("puts points on the local day they were earned, zero on days without any", () => {
    const now = at("2026-12-07T12:00:00Z");
    const slots = [
      // 23:30 UTC on the 5th is already the 6th in Berlin.
      { start: at("2026-12-05T23:30:00Z"), points: 100 },
      { start: at("2026-12-06T10:00:00Z"), points: 50 },
      { start: at("2026-12-07T08:15:00Z"), points: 20 },
      // Before the first day shown.
      { start: at("2026-12-01T10:00:00Z"), points: 999 },
    ];
    expect(pointsPerDay(slots, now, 3, "Europe/Berlin")).toEqual([
      { date: "2026-12-05", points: 0 },
      { date: "2026-12-06", points: 150 },
      { date: "2026-12-07", points: 20 },
    ]);
    // A zone half an hour off the hour: the quarter-hour slots still fall on whole days.
    expect(
      pointsPerDay([{ start: at("2026-12-06T18:30:00Z"), points: 5 }], now, 2, "Asia/Kolkata"),
    ).toEqual([
      { date: "2026-12-06", points: 0 },
      { date: "2026-12-07", points: 5 },
    ]);
  });
});

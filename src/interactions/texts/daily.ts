import type { PauseReason } from "../../quiz/daily-stores.ts";
import type { Lang } from "../../quiz/types.ts";
import type { Inline } from "../view.ts";
import { plural } from "./plural.ts";

/** The texts of /daily and of the question of the day, in both languages. */
const de = {
  title: (day: string) => `Frage des Tages · ${day}`,
  closes: (at: number): Inline[] => ["Antworten bis ", { time: at }, " (eine je Mitglied)"],
  share: (right: number, total: number) =>
    total === 0
      ? "Niemand hat geantwortet."
      : `${right} von ${total} ${plural("de", total, { one: "Antwort", other: "Antworten" })} richtig (${Math.round((100 * right) / total)} %)`,
  shareName: "Richtig",
  streaks: "Serien",
  noStreaks: "Noch keine laufende Serie.",
  forbidden:
    "Die Tagesfrage richten nur Mitglieder mit „Server verwalten“ oder der Bibliotheksrolle ein.",
  badTime: (typed: string) => `„${typed}“ ist keine Uhrzeit; schreibe sie als 20:00.`,
  badZone: (typed: string) =>
    `„${typed}“ ist keine Zeitzone; nimm einen IANA-Namen wie Europe/Berlin oder America/New_York.`,
  started: (channel: string, time: string, zone: string, hours: number): Inline[] => [
    "Die Tagesfrage kommt jeden Tag um ",
    { bold: time },
    ` (${zone}) in `,
    { channel },
    ` und ist ${hours} ${plural("de", hours, { one: "Stunde", other: "Stunden" })} offen.`,
  ],
  stopped: "Die Tagesfrage ist abgestellt.",
  notSet: "Auf diesem Server ist keine Tagesfrage eingerichtet (/tagesfrage start).",
  scheduleTitle: "Tagesfrage",
  where: "Kanal",
  when: "Zeit",
  open: "Offen",
  hoursOpen: (hours: number) =>
    `${hours} ${plural("de", hours, { one: "Stunde", other: "Stunden" })}`,
  next: "Nächste Frage",
  paused: {
    "channel-gone": "Pausiert: den Kanal gibt es nicht mehr. Mit /tagesfrage start neu einrichten.",
    "no-permission":
      "Pausiert: Beleg darf in dem Kanal nicht mehr schreiben. Rechte geben und /tagesfrage start.",
  } satisfies Record<PauseReason, string>,
  longest: "Längste laufende Serien",
  streakStat: "Tagesfrage-Serie",
};

type DailyTexts = typeof de;

const en: DailyTexts = {
  title: (day) => `Question of the day · ${day}`,
  closes: (at) => ["Answers until ", { time: at }, " (one per member)"],
  share: (right, total) =>
    total === 0
      ? "Nobody answered."
      : `${right} of ${total} ${plural("en", total, { one: "answer", other: "answers" })} right (${Math.round((100 * right) / total)} %)`,
  shareName: "Right",
  streaks: "Streaks",
  noStreaks: "No running streak yet.",
  forbidden:
    "Only members with Manage Server or the library role may set up the question of the day.",
  badTime: (typed) => `“${typed}” is not a time; write it as 20:00.`,
  badZone: (typed) =>
    `“${typed}” is not a time zone; use an IANA name such as Europe/Berlin or America/New_York.`,
  started: (channel, time, zone, hours) => [
    "The question of the day comes every day at ",
    { bold: time },
    ` (${zone}) in `,
    { channel },
    ` and stays open ${hours} ${plural("en", hours, { one: "hour", other: "hours" })}.`,
  ],
  stopped: "The question of the day is switched off.",
  notSet: "This server has no question of the day (/daily start).",
  scheduleTitle: "Question of the day",
  where: "Channel",
  when: "Time",
  open: "Open",
  hoursOpen: (hours) => `${hours} ${plural("en", hours, { one: "hour", other: "hours" })}`,
  next: "Next question",
  paused: {
    "channel-gone": "Paused: the channel no longer exists. Set it up again with /daily start.",
    "no-permission":
      "Paused: Beleg may no longer post in the channel. Grant it and run /daily start.",
  },
  longest: "Longest running streaks",
  streakStat: "Daily streak",
};

export function dailyTexts(lang: Lang): DailyTexts {
  return lang === "de" ? de : en;
}

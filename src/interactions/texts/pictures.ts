import type { Lang } from "../../quiz/types.ts";
import { plural } from "./plural.ts";

const number = { de: new Intl.NumberFormat("de-DE"), en: new Intl.NumberFormat("en-US") };
const dayFormat = {
  de: new Intl.DateTimeFormat("de-DE", { day: "numeric", month: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-US", { day: "numeric", month: "short", timeZone: "UTC" }),
};
/** A calendar date ("2026-12-07") as a short label: "7.12." or "Dec 7". */
const dayOf = (lang: Lang, date: string) => dayFormat[lang].format(new Date(`${date}T00:00:00Z`));

/** The texts in pictures and in their descriptions, in both languages. */
const de = {
  points: (n: number) =>
    `${number.de.format(n)} ${plural("de", n, { one: "Punkt", other: "Punkte" })}`,
  percent: (share: number) => `${Math.round(share * 100)} %`,
  playerLine: (rank: number, name: string, points: string, percent: string) =>
    `${rank}. ${name}, ${points}, ${percent} richtig`,
  rankingAlt: (title: string, lines: readonly string[]) =>
    `${title}, als Balkenbild: ${lines.join("; ")}.`,
  players: (n: number) => `${n} Spieler`,
  day: (date: string) => dayOf("de", date),
  lastDays: (days: number, points: string) => `Punkte der letzten ${days} Tage: ${points}`,
  recent: (days: number) => `Letzte ${days} Tage`,
  activeDays: (points: string, days: number) =>
    `${points} an ${days} ${plural("de", days, { one: "Tag", other: "Tagen" })}`,
  bestDay: (date: string, points: string) => `am meisten am ${dayOf("de", date)} (${points})`,
  topics: "Trefferquote nach Thema",
  noTopics: "Noch keine Fragen mit Thema beantwortet.",
  topicCaption: (percent: string, correct: number, answered: number) =>
    `${percent} (${correct}/${answered})`,
  memberAlt: (title: string, days: string, topics: string) =>
    `${title}. ${days}. Trefferquote nach Thema: ${topics}.`,
  saved: (path: string) => `🖼 Bild gespeichert: ${path}`,
  notDrawn: "Das Bild ließ sich nicht zeichnen; der Text oben ist vollständig.",
};

type PictureTexts = typeof de;

const en: PictureTexts = {
  points: (n) => `${number.en.format(n)} ${plural("en", n, { one: "point", other: "points" })}`,
  percent: (share) => `${Math.round(share * 100)} %`,
  playerLine: (rank, name, points, percent) => `${rank}. ${name}, ${points}, ${percent} right`,
  rankingAlt: (title, lines) => `${title}, as a bar chart: ${lines.join("; ")}.`,
  players: (n) => `${n} ${plural("en", n, { one: "player", other: "players" })}`,
  day: (date) => dayOf("en", date),
  lastDays: (days, points) => `Points in the last ${days} days: ${points}`,
  recent: (days) => `Last ${days} days`,
  activeDays: (points, days) =>
    `${points} on ${days} ${plural("en", days, { one: "day", other: "days" })}`,
  bestDay: (date, points) => `most on ${dayOf("en", date)} (${points})`,
  topics: "Accuracy by topic",
  noTopics: "No questions with a topic answered yet.",
  topicCaption: (percent, correct, answered) => `${percent} (${correct}/${answered})`,
  memberAlt: (title, days, topics) => `${title}. ${days}. Accuracy by topic: ${topics}.`,
  saved: (path) => `🖼 Picture saved: ${path}`,
  notDrawn: "The picture could not be drawn; the text above is complete.",
};

export function pictureTexts(lang: Lang): PictureTexts {
  return lang === "de" ? de : en;
}

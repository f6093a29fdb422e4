import type { Lang } from "../quiz/types.ts";
import type { Text } from "./view.ts";

/** German for German-speaking Discord clients, English for everyone else. */
export function langOf(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith("de") ? "de" : "en";
}

const de = {
  nothingFound: (q: string) => `Keine Belegstelle gefunden für „${q}“.`,
  resultOf: (i: number, n: number) => `Treffer ${i} von ${n}`,
  understood: (pairs: string) => `Verstanden als: ${pairs}`,
  post: "Im Kanal zeigen",
  noText: "Diese Nachricht hat keinen Text, zu dem ich einen Beleg suchen könnte.",
  postedBy: (name: string) => `Beleg, geteilt von ${name}`,
  previous: "Zurück",
  next: "Weiter",
  context: "Kontext",
  hideContext: "Nur die Stelle",
  expired: "Diese Schaltfläche ist abgelaufen. Starte den Befehl bitte neu.",
  notYours: "Diese Schaltfläche gehört zu einer anderen Anfrage.",
  error: "Da ist etwas schiefgegangen. Bitte versuche es noch einmal.",
  unknownArticle: (id: string) => `Es gibt keinen Artikel „${id}“.`,
  unknownParagraph: (n: number, max: number) => `Absatz ${n} gibt es nicht (1–${max}).`,
  paragraphs: "Absätze",
  published: "Erschienen",
  author: "Autor",
  publication: "Publikation",
  language: "Sprache",
  guildOnly: "Quizrunden und Punkte gibt es nur auf Servern.",
  roundBusy: "In diesem Kanal läuft schon eine Runde.",
  notStored:
    "Das konnte gerade nicht gespeichert werden (die Datenbank ist belegt). Bitte versuche es gleich noch einmal.",
  unavailable:
    "Beleg kann gerade nichts speichern: die Datenbank ist nicht mehr da. Ein Admin muss Beleg neu starten.",
  cannotPost:
    "Die Runde konnte nicht beginnen: Ich darf in diesem Kanal keine Nachrichten schreiben. Sie ist beendet.",
  missingPermissions: (names: string) =>
    `Dafür fehlen mir in diesem Kanal Berechtigungen: ${names}. Bitte gib sie mir oder starte die Runde in einem anderen Kanal.`,
  permissionNames: { view: "Kanal ansehen", send: "Nachrichten senden", embed: "Links einbetten" },
  outOfRange: (option: string, min: number, max: number) =>
    `„${option}“ muss zwischen ${min} und ${max} liegen.`,
  unknownChoice: (option: string, value: string, allowed: string) =>
    `„${value}“ gibt es für „${option}“ nicht. Möglich: ${allowed}.`,
  noQuestions: "Für diese Auswahl gibt es keine Fragen.",
  roundStarted: (n: number, s: number) =>
    `Eine Runde mit ${n} Fragen beginnt. ${s} Sekunden pro Frage.`,
  question: (i: number, n: number) => `Frage ${i}/${n}`,
  trueOrFalse: "Wahr oder falsch?",
  closes: (at: number): Text => ["Antworten bis ", { time: at }],
  recorded: "Deine Antwort ist gespeichert.",
  alreadyAnswered: "Du hast diese Frage schon beantwortet.",
  tooLate: "Zu spät: Diese Frage ist geschlossen.",
  noRound: "Hier läuft gerade keine Runde.",
  answer: "Antwort",
  votes: "Stimmen",
  rightWere: "Richtig lagen",
  nobodyRight: "Niemand lag richtig.",
  evidence: "Beleg",
  standings: "Endstand",
  stopped: "Die Runde wurde beendet.",
  interrupted: "Die Runde wurde unterbrochen.",
  stopForbidden:
    "Nur wer die Runde gestartet hat oder Nachrichten verwalten darf, kann sie beenden.",
  nobodyAnswered: "Niemand hat geantwortet.",
  points: "Punkte",
  leaderboard: "Rangliste",
  leaderboardEmpty: "Noch keine Punkte auf diesem Server.",
  periods: { all: "gesamt", week: "diese Woche", day: "heute" },
  stats: (name: string) => `Statistik von ${name}`,
  noStats: (name: string) => `${name} hat hier noch keine Quizfrage beantwortet.`,
  accuracy: "Trefferquote",
  rounds: "Runden",
  bestStreak: "Beste Serie",
  weakest: "Schwächste Themen",
  none: "keine",
  reviewEmpty:
    "Gerade ist nichts zu wiederholen. Falsch beantwortete Fragen kommen hier wieder, wenn sie fällig sind.",
  review: (i: number, n: number) => `Wiederholung ${i}/${n}`,
  right: "Richtig!",
  wrong: "Leider falsch.",
  reviewDone: "Fertig mit der Wiederholung.",
  helpTitle: "Beleg — Belegstellen und Quizrunden",
  helpLines: [
    ["/cite", "findet die Stelle, die eine Aussage belegt."],
    ["/source", "zeigt einen Artikel oder einen Absatz."],
    ["/quiz start", "startet eine Runde in diesem Kanal, /quiz stop beendet sie."],
    ["/leaderboard", "und /stats zeigen Punkte."],
    ["/review", "wiederholt, was du falsch hattest."],
  ] as readonly (readonly [string, string])[],
  articles: "Artikel",
  consoleNotACommand: (line: string) =>
    `„${line}“ ist kein Befehl und keine Taste. Zum Suchen: /cite ${line}`,
  true: "Wahr",
  false: "Falsch",
} as const;

type Strings = {
  [K in keyof typeof de]: (typeof de)[K] extends (...args: infer A) => infer R
    ? (...args: A) => R
    : (typeof de)[K] extends string
      ? string
      : (typeof de)[K] extends readonly unknown[]
        ? (typeof de)[K]
        : { [P in keyof (typeof de)[K]]: string };
};

const en: Strings = {
  nothingFound: (q) => `No passage found for “${q}”.`,
  resultOf: (i, n) => `Result ${i} of ${n}`,
  understood: (pairs) => `Read as: ${pairs}`,
  post: "Show in channel",
  noText: "This message has no text to find a source for.",
  postedBy: (name) => `Source, shared by ${name}`,
  previous: "Previous",
  next: "Next",
  context: "Context",
  hideContext: "Passage only",
  expired: "This button has expired. Please run the command again.",
  notYours: "This button belongs to someone else's request.",
  error: "Something went wrong. Please try again.",
  unknownArticle: (id) => `There is no article “${id}”.`,
  unknownParagraph: (n, max) => `There is no paragraph ${n} (1–${max}).`,
  paragraphs: "Paragraphs",
  published: "Published",
  author: "Author",
  publication: "Publication",
  language: "Language",
  guildOnly: "Quiz rounds and scores only exist in servers.",
  roundBusy: "A round is already running in this channel.",
  notStored:
    "That could not be stored just now (the database is busy). Please try again in a moment.",
  unavailable:
    "Beleg cannot store anything right now: its database is gone. An admin needs to restart Beleg.",
  cannotPost: "The round could not begin: I may not post messages in this channel. It has ended.",
  missingPermissions: (names) =>
    `I am missing permissions in this channel: ${names}. Please grant them or start the round in another channel.`,
  permissionNames: { view: "View Channel", send: "Send Messages", embed: "Embed Links" },
  outOfRange: (option, min, max) => `“${option}” must be between ${min} and ${max}.`,
  unknownChoice: (option, value, allowed) =>
    `There is no “${value}” for “${option}”. Possible: ${allowed}.`,
  noQuestions: "There are no questions for this choice.",
  roundStarted: (n, s) => `A round of ${n} questions begins. ${s} seconds per question.`,
  question: (i, n) => `Question ${i}/${n}`,
  trueOrFalse: "True or false?",
  closes: (at) => ["Answers close ", { time: at }],
  recorded: "Your answer is in.",
  alreadyAnswered: "You already answered this question.",
  tooLate: "Too late: this question is closed.",
  noRound: "No round is running here.",
  answer: "Answer",
  votes: "Votes",
  rightWere: "Right",
  nobodyRight: "Nobody got it right.",
  evidence: "Evidence",
  standings: "Final standings",
  stopped: "The round was stopped.",
  interrupted: "The round was interrupted.",
  stopForbidden:
    "Only the player who started the round or members who can manage messages can stop it.",
  nobodyAnswered: "Nobody answered.",
  points: "points",
  leaderboard: "Leaderboard",
  leaderboardEmpty: "No points on this server yet.",
  periods: { all: "all time", week: "this week", day: "today" },
  stats: (name) => `Stats of ${name}`,
  noStats: (name) => `${name} has not answered a quiz question here yet.`,
  accuracy: "Accuracy",
  rounds: "Rounds",
  bestStreak: "Best streak",
  weakest: "Weakest topics",
  none: "none",
  reviewEmpty:
    "Nothing to review right now. Questions you missed come back here when they are due.",
  review: (i, n) => `Review ${i}/${n}`,
  right: "Right!",
  wrong: "Wrong.",
  reviewDone: "Review finished.",
  helpTitle: "Beleg — cited passages and quiz rounds",
  helpLines: [
    ["/cite", "finds the passage that backs a claim."],
    ["/source", "shows an article or one of its paragraphs."],
    ["/quiz start", "starts a round in this channel, /quiz stop ends it."],
    ["/leaderboard", "and /stats show points."],
    ["/review", "repeats what you missed."],
  ],
  articles: "Articles",
  consoleNotACommand: (line) => `“${line}” is not a command or key. To search: /cite ${line}`,
  true: "True",
  false: "False",
};

export type Texts = Strings;

export function texts(lang: Lang): Texts {
  return lang === "de" ? (de as unknown as Texts) : en;
}

import type { Lang } from "../../quiz/types.ts";
import { plural } from "./plural.ts";

/** The texts of /library and of proposing questions, in both languages. */
const de = {
  forbidden:
    "Die Bibliothek dieses Servers verwalten nur Mitglieder mit „Server verwalten“ oder der dafür gesetzten Rolle.",
  guildOnly: "Eine eigene Bibliothek gibt es nur auf Servern.",
  needsFile: "Hänge bitte eine Datei an.",
  wrongFile: (name: string, kinds: string) => `„${name}“ ist keine ${kinds}-Datei.`,
  tooLarge: (limit: number) => `Die Datei ist größer als ${Math.round(limit / 1000)} kB.`,
  notAllowed: "Diese Datei kommt nicht von Discord; ich lade nur Discord-Anhänge.",
  fetchFailed: "Die Datei ließ sich nicht laden. Bitte versuche es noch einmal.",
  timeout: "Das Laden der Datei hat zu lange gedauert. Bitte versuche es noch einmal.",
  notText: "Die Datei ist kein UTF-8-Text.",
  invalid: "Das passt so nicht; nichts wurde geändert:",
  tooManyArticles: (limit: number) =>
    `Eine Bibliothek hat höchstens ${limit} eigene Artikel, und das wären mehr. Entferne erst welche mit /bibliothek entfernen.`,
  tooManyClaims: (limit: number) =>
    `Eine Bibliothek hat höchstens ${limit} Quizfragen, und das wären mehr.`,
  tooOften: (limit: number) =>
    `Du hast in der letzten Stunde schon ${limit} Fragen vorgeschlagen. Bitte später weiter.`,
  busy: "Für die Bibliothek dieses Servers läuft gerade schon eine Aufgabe. Bitte versuche es gleich noch einmal.",
  overTime: (seconds: number) =>
    `Das Prüfen der Datei hätte länger als ${seconds} s gedauert und wurde abgebrochen; nichts wurde geändert. Teile die Datei bitte auf.`,
  overMemory: (mb: number) =>
    `Das Prüfen der Datei hätte mehr als ${mb} MB Speicher gebraucht und wurde abgebrochen; nichts wurde geändert. Teile die Datei bitte auf.`,
  added: (title: string, n: number) =>
    `„${title}“ ist jetzt in der Bibliothek dieses Servers (${n} ${plural("de", n, { one: "Abschnitt", other: "Abschnitte" })}) und sofort mit /zitat zu finden.`,
  replaced: (title: string, n: number) =>
    `„${title}“ wurde ersetzt (${n} ${plural("de", n, { one: "Abschnitt", other: "Abschnitte" })}).`,
  removed: (title: string, claims: number) =>
    `„${title}“ ist entfernt, mit ${claims} ${plural("de", claims, { one: "Quizfrage", other: "Quizfragen" })}.`,
  hidden: (title: string) =>
    `„${title}“ gehört zum gemeinsamen Korpus und ist auf diesem Server jetzt ausgeblendet (wieder zeigen: /bibliothek zeigen).`,
  shown: (title: string) => `„${title}“ ist auf diesem Server wieder zu sehen.`,
  listTitle: "Bibliothek dieses Servers",
  ownArticles: "Eigene Artikel",
  noArticles: "noch keine (hinzufügen: /bibliothek hinzufuegen)",
  hiddenShared: "Ausgeblendete geteilte Artikel",
  claims: (pending: number, approved: number, rejected: number) =>
    `${approved} freigegeben · ${pending} warten auf Prüfung · ${rejected} abgelehnt`,
  quizClaims: "Quizfragen",
  history: "Verlauf",
  role: "Bibliotheksrolle",
  addedBy: (name: string) => `von ${name}`,
  actions: {
    add: "hinzugefügt",
    replace: "ersetzt",
    remove: "entfernt",
    hide: "ausgeblendet",
    show: "wieder gezeigt",
    propose: "vorgeschlagen",
    approve: "freigegeben",
    reject: "abgelehnt",
    import: "importiert",
    role: "Rolle gesetzt",
  } as Record<string, string>,
  roleSet: "Die Bibliotheksrolle ist gesetzt.",
  roleCleared:
    "Die Bibliotheksrolle ist entfernt; nur „Server verwalten“ darf die Bibliothek verwalten.",
  exported: (articles: number, claims: number) =>
    `Export der Bibliothek: ${articles} ${plural("de", articles, { one: "Artikel", other: "Artikel" })}, ${claims} ${plural("de", claims, { one: "Quizfrage", other: "Quizfragen" })}. Mit /bibliothek importieren auf einem anderen Server einlesen.`,
  empty: "Die Bibliothek dieses Servers ist leer.",
  imported: (added: number, replaced: number) =>
    `Importiert: ${added} neue, ${replaced} ersetzte Quizfragen, ab sofort in Runden dieses Servers.`,
  importedBundle: (articles: number, claims: number) =>
    `Importiert: ${articles} Artikel und ${claims} Quizfragen.`,
  importArticleNeeded: (name: string) =>
    `Zu welchem Artikel gehört „${name}“? Benenne die Datei nach dem Artikel oder gib die Option artikel an.`,
  reviewTitle: (n: number) => `Vorschlag zur Prüfung (noch ${n} offen)`,
  reviewEmpty: "Keine offenen Vorschläge.",
  approve: "Freigeben",
  reject: "Ablehnen",
  approved: (slug: string) =>
    `„${slug}“ ist freigegeben und wird ab sofort in Runden dieses Servers gefragt.`,
  approvedStale: (slug: string) =>
    `„${slug}“ ist freigegeben, aber sein Zitat steht nicht mehr im Artikel; es wird nicht gefragt.`,
  rejected: (slug: string) => `„${slug}“ ist abgelehnt.`,
  unknownProposal: "Über diesen Vorschlag ist schon entschieden.",
  proposedBy: (name: string) => `Vorgeschlagen von ${name}`,
  question: "Frage",
  answer: "Antwort",
  accept: "Auch richtig",
  distractors: "Falsche Antworten",
  quote: "Zitat",
  propose: "Quizfrage vorschlagen",
  chooseType: "Was für eine Antwort hat deine Frage?",
  types: ["Person", "Organisation", "Ort", "Zahl", "Datum", "Begriff"],
  formTitle: "Quizfrage vorschlagen",
  quoteLabel: "Zitat (auf den Satz mit der Antwort kürzen)",
  questionDeLabel: "Frage auf Deutsch",
  questionEnLabel: "Frage auf Englisch (optional)",
  answerLabel: "Antwort; weitere Schreibweisen je Zeile",
  distractorsLabel: "Falsche Antworten, je Zeile (optional)",
  proposed: (slug: string) =>
    `Danke! Dein Vorschlag „${slug}“ wartet auf die Prüfung durch die Moderation (/bibliothek pruefen).`,
  titleForm: "Titel des Artikels",
  titleLabel: "Titel",
};

type LibraryTexts = {
  [K in keyof typeof de]: (typeof de)[K];
};

const en: LibraryTexts = {
  forbidden:
    "Only members with Manage Server, or the role set for it, may manage this server's library.",
  guildOnly: "A library of its own is for servers only.",
  needsFile: "Please attach a file.",
  wrongFile: (name, kinds) => `“${name}” is not a ${kinds} file.`,
  tooLarge: (limit) => `The file is larger than ${Math.round(limit / 1000)} kB.`,
  notAllowed: "This file does not come from Discord; I only fetch Discord attachments.",
  fetchFailed: "The file could not be fetched. Please try again.",
  timeout: "Fetching the file took too long. Please try again.",
  notText: "The file is not UTF-8 text.",
  invalid: "That does not work yet; nothing was changed:",
  tooManyArticles: (limit) =>
    `A library holds at most ${limit} articles of its own, and this would be more. Remove some first with /library remove.`,
  tooManyClaims: (limit) =>
    `A library holds at most ${limit} quiz questions, and this would be more.`,
  tooOften: (limit) =>
    `You have proposed ${limit} questions in the last hour. Please continue later.`,
  busy: "This server's library is busy with another task. Please try again in a moment.",
  overTime: (seconds) =>
    `Checking the file would have taken longer than ${seconds} s and was stopped; nothing was changed. Please split the file.`,
  overMemory: (mb) =>
    `Checking the file would have needed more than ${mb} MB of memory and was stopped; nothing was changed. Please split the file.`,
  added: (title, n) =>
    `“${title}” is now in this server's library (${n} ${plural("en", n, { one: "passage", other: "passages" })}) and can be found with /cite at once.`,
  replaced: (title, n) =>
    `“${title}” was replaced (${n} ${plural("en", n, { one: "passage", other: "passages" })}).`,
  removed: (title, claims) =>
    `“${title}” is removed, with ${claims} ${plural("en", claims, { one: "quiz question", other: "quiz questions" })}.`,
  hidden: (title) =>
    `“${title}” belongs to the shared corpus and is now hidden on this server (show it again: /library show).`,
  shown: (title) => `“${title}” can be seen on this server again.`,
  listTitle: "This server's library",
  ownArticles: "Own articles",
  noArticles: "none yet (add one: /library add)",
  hiddenShared: "Hidden shared articles",
  claims: (pending, approved, rejected) =>
    `${approved} approved · ${pending} waiting for review · ${rejected} rejected`,
  quizClaims: "Quiz questions",
  history: "History",
  role: "Library role",
  addedBy: (name) => `by ${name}`,
  actions: {
    add: "added",
    replace: "replaced",
    remove: "removed",
    hide: "hid",
    show: "showed again",
    propose: "proposed",
    approve: "approved",
    reject: "rejected",
    import: "imported",
    role: "set the role",
  },
  roleSet: "The library role is set.",
  roleCleared: "The library role is cleared; only Manage Server may manage the library.",
  exported: (articles, claims) =>
    `Library export: ${articles} ${plural("en", articles, { one: "article", other: "articles" })}, ${claims} ${plural("en", claims, { one: "quiz question", other: "quiz questions" })}. Read it into another server with /library import.`,
  empty: "This server's library is empty.",
  imported: (added, replaced) =>
    `Imported: ${added} new, ${replaced} replaced quiz questions, asked in this server's rounds from now on.`,
  importedBundle: (articles, claims) =>
    `Imported: ${articles} articles and ${claims} quiz questions.`,
  importArticleNeeded: (name) =>
    `Which article does “${name}” belong to? Name the file after the article or give the article option.`,
  reviewTitle: (n) => `Proposal to review (${n} open)`,
  reviewEmpty: "No proposals waiting.",
  approve: "Approve",
  reject: "Reject",
  approved: (slug) => `“${slug}” is approved and asked in this server's rounds from now on.`,
  approvedStale: (slug) =>
    `“${slug}” is approved, but its quote is no longer in the article; it is not asked.`,
  rejected: (slug) => `“${slug}” is rejected.`,
  unknownProposal: "This proposal has been decided already.",
  proposedBy: (name) => `Proposed by ${name}`,
  question: "Question",
  answer: "Answer",
  accept: "Also right",
  distractors: "Wrong answers",
  quote: "Quote",
  propose: "Propose a question",
  chooseType: "What kind of answer does your question have?",
  types: ["Person", "Organisation", "Place", "Number", "Date", "Term"],
  formTitle: "Propose a quiz question",
  quoteLabel: "Quote (cut to the sentence with the answer)",
  questionDeLabel: "Question in German",
  questionEnLabel: "Question in English (optional)",
  answerLabel: "Answer; other spellings one a line",
  distractorsLabel: "Wrong answers, one a line (optional)",
  proposed: (slug) =>
    `Thank you! Your proposal “${slug}” waits for a moderator's review (/library review).`,
  titleForm: "Title of the article",
  titleLabel: "Title",
};

export function libraryTexts(lang: Lang): LibraryTexts {
  return lang === "de" ? de : en;
}

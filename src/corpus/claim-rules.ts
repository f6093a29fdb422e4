import { normalizeWord } from "../search/normalize.ts";
import type { Bilingual, ClaimType, ParsedClaim } from "./claim-types.ts";

/** A claim as the rules see it, before it is placed in its article. */
type Claim = Omit<ParsedClaim, "articleId" | "file" | "line" | "quoteStart" | "quoteEnd">;

export interface RuleProblem {
  /** Where in the claim's YAML, for the line number. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
const NUMBER = /\d+(?:[.,]\d+)*/g;
const digitsOf = (s: string) => [...s.matchAll(NUMBER)].map((m) => m[0].replace(/[.,]/g, ""));
const isNumeric = (type: ClaimType) => type === "number" || type === "date";
/** Names read the same in both languages; these types are worded. */
const isWorded = (type: ClaimType) => type === "number" || type === "date" || type === "term";

/** German function words, month and number words that no English sentence holds. */
const GERMAN_WORDS = new Set(
  `und der das mit für nicht ist sind wird wurde wurden auf bei zum zur vom im dem ein eine
  einen einer eines sich auch oder aber nach über unter zwischen milliarde milliarden millionen
  tausend januar februar märz juni juli oktober dezember sommer herbst frühling jahr jahre jahren
  prozent uhr etwa rund`
    .split(/\s+/)
    .filter(Boolean)
    .map(normalizeWord),
);
/** Endings of German nouns whose English forms differ ("-ismus" / "-ism"). */
const GERMAN_ENDINGS = /(ismus|ung|ungen|heit|keit|schaft|tät)$/;

/**
 * Whether a text reads as German: a German function, month or number word, a German noun
 * ending, or an umlaut or ß outside a capitalised name.
 */
export function looksGerman(text: string): boolean {
  for (const raw of text.split(/[^\p{L}]+/u)) {
    if (raw === "") continue;
    const norm = normalizeWord(raw);
    if (GERMAN_WORDS.has(norm)) return true;
    if (raw.length > 5 && GERMAN_ENDINGS.test(raw.toLowerCase())) return true;
    if (/[äöüß]/.test(raw) && raw[0] === raw[0]?.toLowerCase()) return true;
  }
  return false;
}

/** Wording that points at something the question has not named. */
const NOT_STANDING_ALONE: readonly [RegExp, string][] = [
  [
    /\b(der|den|dem|des|die|das) (Beitrag|Beitrags|Artikel|Artikels|Text|Textes|Autor|Autors|Autorin|Verfasser\w*)\b/i,
    "der Beitrag / der Autor",
  ],
  [/\blaut (dem )?Text\b/i, "laut Text"],
  [/\b(dieser|diese|dieses|diesen|diesem|jener|jene|jenes)\b/i, "dies…/jen…"],
  [/\bthe (article|text|author|essay|piece|writer)\b/i, "the article / the author"],
  [/\baccording to the (text|article)\b/i, "according to the text"],
  [/\b(this|these|those)\b/i, "this/these/those"],
];

/**
 * A law or an essay a question or statement calls "the …" without naming it: a true/false
 * statement is read on its own, after questions on other articles.
 */
const UNNAMED: readonly [RegExp, string][] = [
  [
    /\b(das Gesetz|des Gesetzes|dem Gesetz|der Essay|des Essays|dem Essay|den Essay)\b(?!\s*[„“"»«])/,
    "das Gesetz / der Essay",
  ],
  [/\bthe (law|bill|essay|decree)\b(?!['’]s|\s*[“"«»])/i, "the law / the essay"],
];

/** How a question asks for one of several right answers. */
const ASKS_FOR_ONE = {
  de: /\b(einer|eine|eines|einen|einem) (der|von|dieser)\b|\bnenne\b/i,
  en: /\bone of\b|\bname one\b/i,
};

function standAloneProblem(
  question: string,
  patterns: readonly [RegExp, string][] = [...NOT_STANDING_ALONE, ...UNNAMED],
): string | undefined {
  const found = patterns.find(([pattern]) => pattern.test(question));
  return found
    ? `does not stand alone ("${found[1]}" points at something the question does not name): name it`
    : undefined;
}

const YEAR = /\b(1[89]\d\d|20\d\d|2100)\b/g;
const yearsOf = (s: string) => [...s.matchAll(YEAR)].map((m) => Number(m[0]));
const articleYear = (date: string | undefined) => (date ? Number(date.slice(0, 4)) : undefined);

const wordCount = (s: string) => s.trim().split(/\s+/).length;

/** The words of a text, folded as answers are compared ("SEC-Ermittlungen" → sec ermittlungen). */
const wordsOf = (text: string) => normalizeAnswer(text.replace(/[^\p{L}\p{N}]+/gu, " ")).split(" ");

/**
 * Whether `text` holds `phrase` as whole words ("SEC" is not in "securities"), its last word
 * also in the genitive ("Bidens", "Washingtons").
 */
function holdsPhrase(text: string, phrase: string): boolean {
  const words = wordsOf(text);
  const wanted = wordsOf(phrase).filter(Boolean);
  if (wanted.length === 0) return false;
  const same = (word: string | undefined, w: string, last: boolean) =>
    word === w || (last && (word === `${w}s` || word === `${w}es`));
  return words.some((_, i) =>
    wanted.every((w, j) => same(words[i + j], w, j === wanted.length - 1)),
  );
}

/** Whether a statement names one of the claim's answers or aliases (or, for numbers, its number). */
function namesAnAnswer(text: string, claim: Claim, lang: "de" | "en"): boolean {
  if ([...claim.answer, ...claim.accept].some((a) => holdsPhrase(text, a[lang]))) return true;
  if (!isNumeric(claim.type)) return false;
  const numbers = new Set(digitsOf(text));
  return claim.answer.some((a) => digitsOf(a[lang]).some((d) => numbers.has(d)));
}

/**
 * The rules a claim must meet beyond its fields' shapes, so every question made from it holds up
 * to a careful reader: answers in the quote, statements true and false as they say, questions
 * that stand alone, nothing German in English, no year after the article, options of one form.
 */
export function claimRuleProblems(claim: Claim, articleDate?: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const report = (path: (string | number)[], message: string) => problems.push({ path, message });
  claim.answer.forEach((answer, i) => {
    if (!collapse(claim.quote).includes(collapse(answer.de)))
      report(["answer", i], `answer "${answer.de}" does not occur in the quote`);
  });
  // A server's claim may leave out the English question and the statements (library claims):
  // what is not there is not asked, and not checked.
  const asked = (["de", "en"] as const).filter((lang) => claim.question[lang] !== "");
  for (const lang of asked) {
    if (claim.statement[lang] !== "" && !namesAnAnswer(claim.statement[lang], claim, lang)) {
      const what = isNumeric(claim.type) ? "an answer or its number" : "an answer";
      report(["statement", lang], `statement.${lang} must contain ${what}`);
    }
    const loose = standAloneProblem(claim.question[lang]);
    if (loose) report(["question", lang], `question.${lang} ${loose}`);
    // A statement is read on its own as well (true/false questions).
    const looseStatement = standAloneProblem(claim.statement[lang], UNNAMED);
    if (looseStatement) report(["statement", lang], `statement.${lang} ${looseStatement}`);
    claim.falseStatements.forEach((f, i) => {
      const looseFalse = standAloneProblem(f[lang], UNNAMED);
      if (looseFalse) report(["false_statements", i, lang], `false statement ${looseFalse}`);
    });
    if (claim.answer.length > 1 && !ASKS_FOR_ONE[lang].test(claim.question[lang]))
      report(
        ["question", lang],
        `question.${lang} has ${claim.answer.length} answers but one option is right: ask for one of them (${lang === "de" ? "„einer der …“" : "“one of …”"})`,
      );
  }
  claim.falseStatements.forEach((f, i) => {
    for (const lang of asked) {
      if (namesAnAnswer(f[lang], claim, lang))
        report(["false_statements", i, lang], `a false statement still holds a right answer`);
      if (collapse(f[lang]) === collapse(claim.statement[lang]))
        report(["false_statements", i, lang], "a false statement is the true statement");
    }
  });
  if (isNumeric(claim.type)) {
    // Dates are compared part by part ("20.1.2025" and "20. Januar 2025"), numbers whole.
    const numbersOf = (text: string) =>
      claim.type === "date" ? (text.match(/\d+/g) ?? []) : digitsOf(text);
    const numbers = new Set(claim.answer.flatMap((a) => [...numbersOf(a.de), ...numbersOf(a.en)]));
    claim.accept.forEach((a, i) => {
      const own = [...numbersOf(a.de), ...numbersOf(a.en)];
      if (numbers.size > 0 && own.length > 0 && !own.some((d) => numbers.has(d)))
        report(
          ["accept", i],
          `accepted answer "${a.de}" names another number than the answer (a list item cut at a comma? write it in quotes)`,
        );
    });
  }
  const accepted = new Set(
    [...claim.answer, ...claim.accept].flatMap((a) => [a.de, a.en]).map(normalizeAnswer),
  );
  claim.distractors.forEach((d, i) => {
    if (accepted.has(normalizeAnswer(d.de)) || accepted.has(normalizeAnswer(d.en)))
      report(["distractors", i], `distractor "${d.de}" is also an accepted answer`);
  });
  if (
    isNumeric(claim.type) &&
    !claim.answer.some((a) => /\d/.test(a.de)) &&
    claim.distractors.length < 3
  ) {
    report(["answer"], "a number or date answer without digits needs at least 3 distractors");
  }
  const english: [(string | number)[], string][] = [
    [["question", "en"], claim.question.en],
    [["statement", "en"], claim.statement.en],
    ...claim.falseStatements.map((f, i): [(string | number)[], string] => [
      ["false_statements", i, "en"],
      f.en,
    ]),
  ];
  if (isWorded(claim.type)) {
    for (const field of ["answer", "distractors"] as const) {
      claim[field].forEach((o, i) => {
        english.push([[field, i], o.en]);
      });
    }
  }
  for (const [path, text] of claim.question.en === "" ? [] : english) {
    if (looksGerman(text))
      report(
        path,
        `"${text}" reads as German in an English round: give it an English form ({de: …, en: …})`,
      );
  }
  const year = articleYear(articleDate);
  if (year !== undefined) {
    const later = (o: Bilingual) => yearsOf(`${o.de} ${o.en}`).some((y) => y > year);
    claim.distractors.forEach((d, i) => {
      if (later(d)) report(["distractors", i], `"${d.de}" is later than the article (${year})`);
    });
    claim.falseStatements.forEach((f, i) => {
      if (later(f)) report(["false_statements", i], `a year later than the article (${year})`);
    });
  }
  if (claim.type === "person") {
    const options = [...claim.answer, ...claim.distractors].map((o) => o.de);
    const forms = new Set(options.map((o) => (wordCount(o) > 1 ? "full" : "short")));
    if (forms.size > 1)
      report(
        ["distractors"],
        "options differ in form: give full names with full names, surnames with surnames",
      );
  }
  return problems;
}

/** Lower-case, folded, single-spaced: how answers are compared with each other. */
export function normalizeAnswer(answer: string): string {
  return answer
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => normalizeWord(w))
    .join(" ");
}

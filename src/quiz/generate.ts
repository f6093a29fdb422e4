import { looksGerman, normalizeAnswer } from "../corpus/claim-rules.ts";
import { giveAway } from "./giveaways.ts";
import { findNumber, findNumbers, nearbyNumbers, replaceNumber } from "./numbers.ts";
import { Random } from "./random.ts";
import type { KindChoice, Lang, Question, QuizClaim } from "./types.ts";

export interface RoundOptions {
  readonly count: number;
  readonly seed: number;
  readonly kind: KindChoice;
  readonly lang: Lang;
  readonly article?: string | undefined;
  readonly topic?: string | undefined;
  /** Claims that rest (reported as wrong, not yet reviewed): never asked. */
  readonly resting?: ReadonlySet<string>;
  /** Only these claims may be asked (all still lend wrong options): the day's preferred ones. */
  readonly only?: ReadonlySet<string>;
}

export const TRUE_FALSE_LABELS: Record<Lang, readonly [string, string]> = {
  de: ["Wahr", "Falsch"],
  en: ["True", "False"],
};

const isNumeric = (claim: QuizClaim) => claim.type === "number" || claim.type === "date";
/** Claim types whose answers can be typed: names and numbers, not dates of many spellings. */
const TYPEABLE = new Set(["person", "organisation", "place", "number", "term"]);
const YEAR = /\b(1[89]\d\d|20\d\d|2100)\b/g;

/** No option may name a year after the article: it would give the answer away or be absurd. */
function tooLate(option: string, claim: QuizClaim): boolean {
  const year = claim.articleDate ? Number(claim.articleDate.slice(0, 4)) : undefined;
  return year !== undefined && [...option.matchAll(YEAR)].some((m) => Number(m[0]) > year);
}

/** Full names stand with full names, single words with single words. */
const formOf = (option: string) => (option.trim().split(/\s+/).length > 1 ? "full" : "short");

/**
 * Wrong options for a claim, best first: its own distractors, then numbers near the right one
 * (same unit, never after the article), then other claims' answers of the same type and form
 * where the claim allows borrowing and they are not true of it (its not_offered list, or named
 * in its quote). Never an accepted answer, never two that read the same, never German in an
 * English round.
 */
function wrongOptions(
  claim: QuizClaim,
  right: string,
  lang: Lang,
  pool: readonly QuizClaim[],
  random: Random,
): string[] {
  const taken = new Set(
    [...claim.answers, ...claim.accept].flatMap((a) => [a.de, a.en]).map(normalizeAnswer),
  );
  const out: string[] = [];
  const add = (candidate: string) => {
    const key = normalizeAnswer(candidate);
    if (key === "" || taken.has(key) || tooLate(candidate, claim)) return;
    if (lang === "en" && claim.type !== "person" && looksGerman(candidate)) return;
    taken.add(key);
    out.push(candidate);
  };
  for (const d of random.shuffle(claim.distractors)) add(d[lang]);
  if (isNumeric(claim)) {
    const found = findNumber(right);
    if (found) {
      const acceptedNumbers = new Set(
        [...claim.answers, ...claim.accept]
          .map((a) => findNumber(a[lang])?.value)
          .filter((v) => v !== undefined),
      );
      for (const n of random.shuffle(nearbyNumbers(found.value, claim.type as "number" | "date"))) {
        if (!acceptedNumbers.has(n)) add(replaceNumber(right, found, n));
      }
    }
  }
  if (claim.borrow) {
    const barred = new Set(claim.notOffered.map(normalizeAnswer));
    const quote = normalizeAnswer(claim.quote);
    const borrowed = pool
      .filter((c) => c.type === claim.type && c.id !== claim.id)
      .flatMap((c) => c.answers)
      .filter(
        (a) =>
          !barred.has(normalizeAnswer(a.de)) &&
          !barred.has(normalizeAnswer(a.en)) &&
          !quote.includes(normalizeAnswer(a.de)) &&
          (claim.type !== "person" || formOf(a[lang]) === formOf(right)),
      );
    for (const d of random.shuffle(borrowed)) add(d[lang]);
  }
  return out;
}

function citationOf(claim: QuizClaim) {
  return { articleId: claim.articleId, passageId: claim.passageId, quote: claim.quote };
}

function multipleChoice(
  claim: QuizClaim,
  lang: Lang,
  pool: readonly QuizClaim[],
  random: Random,
): Question | null {
  const right = (random.pick(claim.answers) as QuizClaim["answers"][number])[lang];
  const wrong = wrongOptions(claim, right, lang, pool, random).slice(0, 3);
  if (wrong.length < 3) return null;
  const options = random.shuffle([right, ...wrong]);
  return {
    claimId: claim.id,
    kind: "mc",
    lang,
    prompt: claim.question[lang],
    options,
    correctIndex: options.indexOf(right),
    citation: citationOf(claim),
  };
}

/**
 * A statement made false by swapping its number for a wrong one of the same unit: the only swap
 * that leaves nothing stale (a name swapped in can leave a title, a gloss or a gender behind).
 */
export function falsify(
  statement: string,
  claim: QuizClaim,
  wrong: readonly string[],
): string | null {
  if (!isNumeric(claim)) return null;
  for (const answer of claim.answers) {
    for (const form of [answer.de, answer.en]) {
      const answerNumber = findNumber(form);
      const inStatement = findNumbers(statement).find((n) => n.value === answerNumber?.value);
      if (!answerNumber || !inStatement) continue;
      const replacement = wrong
        .map(findNumber)
        .find((n) => n !== undefined && n.value !== answerNumber.value);
      if (replacement) return replaceNumber(statement, inStatement, replacement.value);
    }
  }
  return null;
}

/**
 * A true/false question: the true statement, or a false one written for the claim (or with its
 * number swapped). A claim that cannot be made false is not asked this way: its statement would
 * always be true.
 */
function trueFalse(
  claim: QuizClaim,
  lang: Lang,
  pool: readonly QuizClaim[],
  random: Random,
): Question | null {
  // A server's proposed claim may have no statement in a language: it cannot be asked this way.
  if (claim.statement[lang] === "") return null;
  const makeTrue = random.int(0, 1) === 0;
  const written = claim.falseStatements.map((f) => f[lang]);
  const right = (claim.answers[0] as QuizClaim["answers"][number])[lang];
  const falseOne =
    written.length > 0
      ? random.pick(written)
      : falsify(claim.statement[lang], claim, wrongOptions(claim, right, lang, pool, random));
  if (falseOne === null || falseOne === claim.statement[lang] || tooLate(falseOne, claim))
    return null;
  return {
    claimId: claim.id,
    kind: "tf",
    lang,
    prompt: makeTrue ? claim.statement[lang] : falseOne,
    options: [...TRUE_FALSE_LABELS[lang]],
    correctIndex: makeTrue ? 0 : 1,
    citation: citationOf(claim),
  };
}

/** Words of the shortest right reply: a name or a term of up to three words is typed. */
const MAX_TYPED_WORDS = 3;
/** Words that join two descriptions into one answer ("calmer and more composed"). */
const DESCRIBING = /\b(und|and|oder|or|sowie)\b/i;

/**
 * A question answered by typing: the answer or an alias counts, in either language. Only where a
 * short answer is the natural reply; a description stays multiple choice.
 */
export function typed(claim: QuizClaim, lang: Lang, pool: readonly QuizClaim[]): Question | null {
  // Several right answers make an open question: a player typing another true one would be told no.
  if (!TYPEABLE.has(claim.type) || claim.answers.length !== 1) return null;
  const forms = [...claim.answers, ...claim.accept].map((a) => a[lang]);
  if (Math.min(...forms.map((f) => f.trim().split(/\s+/).length)) > MAX_TYPED_WORDS) return null;
  // "ruhiger und gelassener", "fast vier Jahrzehnte": a description, said in many ways.
  const answer = claim.answers[0] as QuizClaim["answers"][number];
  if (DESCRIBING.test(`${answer.de} ${answer.en}`)) return null;
  // "cloud contracts", "the gateway": a common noun phrase, worded in many ways, not a name.
  if (claim.type === "term" && /^\p{Ll}\S*\s/u.test(answer.en)) return null;
  if (claim.type === "number" && !/\d/.test(answer[lang])) return null;
  // Names a player may mean instead: the claim's wrong options and the other claims' answers.
  const barred = new Set(claim.notOffered);
  const rivals = [
    ...claim.distractors,
    ...pool.filter((c) => c.id !== claim.id && c.type === claim.type).flatMap((c) => c.answers),
  ]
    .flatMap((a) => [a.de, a.en])
    .filter((r) => !barred.has(r));
  return {
    claimId: claim.id,
    kind: "typed",
    lang,
    prompt: claim.question[lang],
    options: [claim.answers.map((a) => a[lang]).join(" · ")],
    correctIndex: 0,
    citation: citationOf(claim),
    accepted: [...new Set([...claim.answers, ...claim.accept].flatMap((a) => [a.de, a.en]))],
    rivals: [...new Set(rivals)],
    person: claim.type === "person",
  };
}

/**
 * Claims a round may draw from: asked in the round's language (a server's claim may have no
 * English question), by article and topic (tag), none that rest.
 */
function eligibleClaims(claims: readonly QuizClaim[], options: RoundOptions): QuizClaim[] {
  return claims.filter(
    (c) =>
      c.question[options.lang] !== "" &&
      (!options.article || c.articleId === options.article) &&
      (!options.topic || c.tags.includes(options.topic)) &&
      !options.resting?.has(c.id) &&
      (!options.only || options.only.has(c.id)),
  );
}

/** The kinds a mixed round draws from. */
const MIXED = ["mc", "tf", "typed"] as const;

/** Draws a full round may need when claims that give each other away crowd each other out. */
const DRAWS = 8;

/** One draw: claims in a shuffled order, each asked unless it gives an earlier one away. */
function drawRound(
  claims: readonly QuizClaim[],
  pool: readonly QuizClaim[],
  options: RoundOptions,
  random: Random,
): Question[] {
  const questions: Question[] = [];
  const make = (claim: QuizClaim, kind: "mc" | "tf" | "typed") =>
    !claim.kinds.includes(kind)
      ? null
      : kind === "mc"
        ? multipleChoice(claim, options.lang, pool, random)
        : kind === "tf"
          ? trueFalse(claim, options.lang, pool, random)
          : typed(claim, options.lang, pool);
  const asked: QuizClaim[] = [];
  for (const claim of random.shuffle(claims)) {
    if (questions.length >= options.count) break;
    if (asked.some((earlier) => giveAway(earlier, claim, options.lang))) continue;
    // A mixed round asks each claim in a kind drawn at random, or the next kind it can make.
    const kinds = options.kind === "mixed" ? random.shuffle(MIXED) : [options.kind];
    let question: Question | null = null;
    for (const kind of kinds) {
      question = make(claim, kind);
      if (question) break;
    }
    if (question) {
      questions.push(question);
      asked.push(claim);
    }
  }
  return questions;
}

/**
 * The questions of a round: deterministic for a seed, no claim twice, no two that give each other
 * away (the fullest of a few draws). In a mixed round each question is multiple choice,
 * true/false or typed at random; a claim that cannot make the asked kind is passed over (in a
 * mixed round it tries the other kinds first).
 */
export function generateQuestions(claims: readonly QuizClaim[], options: RoundOptions): Question[] {
  const random = new Random(options.seed);
  const sorted = [...claims].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const eligible = eligibleClaims(sorted, options);
  let best: Question[] = [];
  for (let draw = 0; draw < DRAWS && best.length < options.count; draw++) {
    const questions = drawRound(eligible, sorted, options, random);
    if (questions.length > best.length) best = questions;
  }
  return best;
}

import { normalizeAnswer } from "../corpus/claims.ts";
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
}

export const TRUE_FALSE_LABELS: Record<Lang, readonly [string, string]> = {
  de: ["Wahr", "Falsch"],
  en: ["True", "False"],
};

const isNumeric = (claim: QuizClaim) => claim.type === "number" || claim.type === "date";

/**
 * Wrong options for a claim, best first: its own distractors, then numbers near the right one
 * (same unit), then other claims' answers of the same type. Never an accepted answer of the claim,
 * never two that read the same.
 */
function distractorsFor(
  claim: QuizClaim,
  right: string,
  pool: readonly QuizClaim[],
  random: Random,
): string[] {
  const taken = new Set([...claim.answers, ...claim.accept].map(normalizeAnswer));
  const out: string[] = [];
  const add = (candidate: string) => {
    const key = normalizeAnswer(candidate);
    if (key === "" || taken.has(key)) return;
    taken.add(key);
    out.push(candidate);
  };
  for (const d of random.shuffle(claim.distractors)) add(d);
  if (isNumeric(claim)) {
    const found = findNumber(right);
    if (found) {
      const acceptedNumbers = new Set(
        [...claim.answers, ...claim.accept]
          .map((a) => findNumber(a)?.value)
          .filter((v) => v !== undefined),
      );
      for (const n of random.shuffle(nearbyNumbers(found.value, claim.type as "number" | "date"))) {
        if (!acceptedNumbers.has(n)) add(replaceNumber(right, found, n));
      }
    }
  }
  const sameType = pool
    .filter((c) => c.type === claim.type && c.id !== claim.id)
    .flatMap((c) => c.answers);
  for (const d of random.shuffle(sameType)) add(d);
  return out;
}

function multipleChoice(
  claim: QuizClaim,
  lang: Lang,
  pool: readonly QuizClaim[],
  random: Random,
): Question | null {
  const right = random.pick(claim.answers);
  const wrong = distractorsFor(claim, right, pool, random).slice(0, 3);
  if (wrong.length < 3) return null;
  const options = random.shuffle([right, ...wrong]);
  return {
    claimId: claim.id,
    kind: "mc",
    lang,
    prompt: claim.question[lang],
    options,
    correctIndex: options.indexOf(right),
    citation: { articleId: claim.articleId, passageId: claim.passageId, quote: claim.quote },
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The statement made false by swapping its answer for a distractor: the answer's words where the
 * statement names it, or (numbers and dates) just the number.
 */
export function falsify(
  statement: string,
  claim: QuizClaim,
  wrong: readonly string[],
): string | null {
  for (const answer of claim.answers) {
    const pattern = new RegExp(answer.trim().split(/\s+/).map(escapeRegExp).join("\\s+"), "iu");
    const m = pattern.exec(statement);
    if (m && wrong[0])
      return statement.slice(0, m.index) + wrong[0] + statement.slice(m.index + m[0].length);
  }
  if (isNumeric(claim)) {
    for (const answer of claim.answers) {
      const answerNumber = findNumber(answer);
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

function trueFalse(
  claim: QuizClaim,
  lang: Lang,
  pool: readonly QuizClaim[],
  random: Random,
): Question | null {
  const statement = claim.statement[lang];
  const makeTrue = random.int(0, 1) === 0;
  let prompt = statement;
  if (!makeTrue) {
    const right = random.pick(claim.answers);
    const falsified = falsify(statement, claim, distractorsFor(claim, right, pool, random));
    if (falsified === null || falsified === statement) return null;
    prompt = falsified;
  }
  return {
    claimId: claim.id,
    kind: "tf",
    lang,
    prompt,
    options: [...TRUE_FALSE_LABELS[lang]],
    correctIndex: makeTrue ? 0 : 1,
    citation: { articleId: claim.articleId, passageId: claim.passageId, quote: claim.quote },
  };
}

/** Claims a round may draw from: by article and topic (tag). */
function eligibleClaims(
  claims: readonly QuizClaim[],
  options: Pick<RoundOptions, "article" | "topic">,
): QuizClaim[] {
  return claims.filter(
    (c) =>
      (!options.article || c.articleId === options.article) &&
      (!options.topic || c.tags.includes(options.topic)),
  );
}

/**
 * The questions of a round: deterministic for a seed, no claim twice. In a mixed round each
 * question is multiple choice or true/false at random; a claim that cannot make the asked kind
 * (too few distractors) is passed over.
 */
export function generateQuestions(claims: readonly QuizClaim[], options: RoundOptions): Question[] {
  const random = new Random(options.seed);
  const sorted = [...claims].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const candidates = random.shuffle(eligibleClaims(sorted, options));
  const questions: Question[] = [];
  for (const claim of candidates) {
    if (questions.length >= options.count) break;
    const kind = options.kind === "mixed" ? (random.int(0, 1) === 0 ? "mc" : "tf") : options.kind;
    const question =
      kind === "mc"
        ? multipleChoice(claim, options.lang, sorted, random)
        : trueFalse(claim, options.lang, sorted, random);
    const fallback =
      question ??
      (options.kind === "mixed" ? trueFalse(claim, options.lang, sorted, random) : null);
    if (fallback) questions.push(fallback);
  }
  return questions;
}

import { normalizeAnswer } from "../corpus/claim-rules.ts";
import type { Lang, QuizClaim } from "./types.ts";

/** Folded words between spaces, so a phrase is found as whole words by a plain search. */
const spaced = (text: string) => ` ${normalizeAnswer(text.replace(/[^\p{L}\p{N}]+/gu, " "))} `;

interface ClaimWords {
  /** What a player may read of the claim in a round: its question and its statements. */
  readonly shown: readonly string[];
  /** Its answers and aliases in both languages, with their genitive ("Bidens"). */
  readonly answers: readonly string[];
}

const cache = new WeakMap<QuizClaim, Map<Lang, ClaimWords>>();

function wordsOf(claim: QuizClaim, lang: Lang): ClaimWords {
  const byLang = cache.get(claim) ?? new Map<Lang, ClaimWords>();
  cache.set(claim, byLang);
  const known = byLang.get(lang);
  if (known) return known;
  const answers = [...claim.answers, ...claim.accept]
    .flatMap((a) => [a.de, a.en])
    .map(spaced)
    .filter((a) => a.trim() !== "")
    .flatMap((a) => [a, `${a.trimEnd()}s `]);
  const shown = [
    claim.question[lang],
    claim.statement[lang],
    ...claim.falseStatements.map((f) => f[lang]),
  ].map(spaced);
  const words = { shown, answers };
  byLang.set(lang, words);
  return words;
}

/**
 * Whether two claims would give each other away in one round: the same quote (the same fact
 * asked twice), or the wording of one naming an answer of the other ("… als Kuiper erst 78
 * hatte" next to "Wie viele Satelliten hatte Kuiper?").
 */
export function giveAway(a: QuizClaim, b: QuizClaim, lang: Lang): boolean {
  if (a.quote === b.quote) return true;
  const wa = wordsOf(a, lang);
  const wb = wordsOf(b, lang);
  const names = (shown: ClaimWords, answered: ClaimWords) =>
    shown.shown.some((text) => answered.answers.some((x) => text.includes(x)));
  return names(wa, wb) || names(wb, wa);
}

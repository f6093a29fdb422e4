import { normalizeAnswer } from "../corpus/claim-rules.ts";
import type { Lang, QuizClaim } from "./types.ts";

/** Folded words between spaces, so a phrase is found as whole words by a plain search. */
const spaced = (text: string) => ` ${normalizeAnswer(text.replace(/[^\p{L}\p{N}]+/gu, " "))} `;

interface ClaimWords {
  /** What a player may read of the claim in a round: its question and its statements. */
  readonly shown: readonly string[];
  /** What its reveal shows after the question: the evidence quote. */
  readonly revealed: string;
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
  const words = { shown, answers, revealed: spaced(claim.quote) };
  byLang.set(lang, words);
  return words;
}

/**
 * Whether a claim asked after `earlier` in a round would be given away by it: the same quote or
 * paragraph (the same fact asked twice, or one the other's reveal settles), the wording of either naming an answer of the other ("… als Kuiper
 * erst 78 hatte" next to "Wie viele Satelliten hatte Kuiper?"), or the earlier reveal's quote
 * naming the later answer ("… laut „New York Post“ …" before "According to which newspaper …?").
 */
export function giveAway(earlier: QuizClaim, later: QuizClaim, lang: Lang): boolean {
  // A round draws the same pairs again and again (several draws, many rounds of one corpus).
  const known = verdicts.get(earlier)?.get(later)?.[lang];
  if (known !== undefined) return known;
  const verdict = judge(earlier, later, lang);
  const byLater = verdicts.get(earlier) ?? new WeakMap();
  verdicts.set(earlier, byLater);
  byLater.set(later, { ...byLater.get(later), [lang]: verdict });
  return verdict;
}

const verdicts = new WeakMap<QuizClaim, WeakMap<QuizClaim, Partial<Record<Lang, boolean>>>>();

function judge(earlier: QuizClaim, later: QuizClaim, lang: Lang): boolean {
  // One paragraph proves both: its reveal tells, or contradicts, what the later one asks.
  if (earlier.quote === later.quote || earlier.passageId === later.passageId) return true;
  const we = wordsOf(earlier, lang);
  const wl = wordsOf(later, lang);
  const names = (texts: readonly string[], answered: ClaimWords) =>
    texts.some((text) => answered.answers.some((x) => text.includes(x)));
  return names(we.shown, wl) || names(wl.shown, we) || names([we.revealed], wl);
}

import { normalizeAnswer } from "./claim-rules.ts";
import type { Bilingual, ParsedClaim } from "./claim-types.ts";
import { claimYear, type Entities, type Entity, entityOf, existedIn, lacking } from "./entities.ts";

/** A claim as checked, before it is placed in its article. */
type Claim = Omit<ParsedClaim, "articleId" | "file" | "line" | "quoteStart" | "quoteEnd">;

interface OptionProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Wrong options a multiple-choice question needs. */
const WRONG_OPTIONS = 3;

const entitiesOf = (entities: Entities, option: Bilingual) =>
  entityOf(entities, option.de) ?? entityOf(entities, option.en);

/**
 * What the question's wording rules out among the options, as problems: an answer or distractor
 * without what `asks` names (or not in entities.yaml), a distractor that did not exist yet in
 * the claim's year, too few entities to fill the options.
 */
export function optionProblems(
  claim: Claim,
  entities: Entities,
  articleDate: string | undefined,
): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const year = claimYear(claim.when, claim.question, articleDate);
  const asks = claim.asks;
  const check = (field: "answer" | "distractors", option: Bilingual, i: number) => {
    const entity = entitiesOf(entities, option);
    if (asks && !entity) {
      problems.push({
        path: [field, i],
        message: `"${option.de}" is not in corpus/entities.yaml: the question's asks cannot be checked`,
      });
      return;
    }
    const lack = asks && entity ? lacking(entity, asks) : undefined;
    if (lack)
      problems.push({
        path: [field, i],
        message: `"${option.de}" ${lack}, but the question says so of every option (asks)`,
      });
    if (field === "distractors" && entity && year !== undefined && !existedIn(entity, year))
      problems.push({
        path: [field, i],
        message: `"${option.de}" did not exist in ${year}, the time the question is about`,
      });
  };
  for (const [i, a] of claim.answer.entries()) check("answer", a, i);
  for (const [i, d] of claim.distractors.entries()) check("distractors", d, i);
  if (asks && problems.length === 0) {
    const options = entityOptions(claim, entities, articleDate);
    if (options.distractors.length < WRONG_OPTIONS)
      problems.push({
        path: ["asks"],
        message: `only ${options.distractors.length} wrong options in corpus/entities.yaml have what the question names; ${WRONG_OPTIONS} are needed`,
      });
  }
  return problems;
}

/**
 * The claim with the options its question allows: with `asks`, its distractors and every entity
 * that has what the question names and existed at the time, and nothing borrowed from other
 * claims; without, entities that did not exist yet are never offered (not_offered).
 */
export function entityOptions(
  claim: Claim,
  entities: Entities,
  articleDate: string | undefined,
): Claim {
  const year = claimYear(claim.when, claim.question, articleDate);
  const existed = (e: Entity) => year === undefined || existedIn(e, year);
  const unique = [...new Map([...entities.values()].map((e) => [e.name, e])).values()];
  const notYet = unique.filter((e) => !existed(e)).flatMap((e) => [e.name, ...e.aka]);
  const notOffered = [...new Set([...claim.notOffered, ...notYet])];
  const asks = claim.asks;
  if (!asks) return { ...claim, notOffered };
  const taken = new Set(
    [...claim.answer, ...claim.accept, ...claim.distractors]
      .flatMap((a) => [a.de, a.en])
      .map((o) => entitiesOf(entities, { de: o, en: o })?.name ?? normalizeAnswer(o)),
  );
  const barred = new Set(claim.notOffered.map(normalizeAnswer));
  const quote = ` ${normalizeAnswer(claim.quote.replace(/[^\p{L}\p{N}]+/gu, " "))} `;
  const fitting = unique.filter(
    (e) =>
      !taken.has(e.name) &&
      existed(e) &&
      lacking(e, asks) === undefined &&
      ![e.name, ...e.aka].some(
        (n) => barred.has(normalizeAnswer(n)) || quote.includes(` ${normalizeAnswer(n)} `),
      ),
  );
  return {
    ...claim,
    notOffered,
    distractors: [...claim.distractors, ...fitting.map((e) => ({ de: e.name, en: e.name }))],
    borrow: false,
  };
}

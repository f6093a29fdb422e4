import { z } from "zod";
import { MAX_SLUG, shownId } from "../library/ids.ts";
import { entityOptions, optionProblems } from "./claim-options.ts";
import { claimRuleProblems } from "./claim-rules.ts";
import { type Bilingual, CLAIM_TYPES, type ParsedClaim, QUESTION_KINDS } from "./claim-types.ts";
import { AsksSchema, type Entities, NO_ENTITIES } from "./entities.ts";
import type { CorpusProblem } from "./problems.ts";
import { type FoldedText, foldWhitespace, locateQuote } from "./quote-search.ts";
import { parseLocatedYaml } from "./yaml-positions.ts";

/** Answers and distractors become button labels: Discord allows 80 characters. */
const MAX_OPTION_CHARS = 80;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, `must not be empty${min > 1 ? ` (at least ${min} characters)` : ""}`)
    .max(max, `is too long (at most ${max} characters)`);
/** YAML reads `2021` as a number; in an answer it is the text "2021". */
const label = (max: number) =>
  z.preprocess((v) => (typeof v === "number" ? String(v) : v), text(1, max));
const bilingual = (min: number, max: number) =>
  z.strictObject({ de: text(min, max), en: text(min, max) });
const question = (min: number, max: number) =>
  text(min, max).refine((q) => q === "" || q.endsWith("?"), "a question must end with ?");
/** An option the same in both languages ("Jeff Bezos"), or worded for each ("175 Milliarden Dollar"). */
const option = z
  .union([label(MAX_OPTION_CHARS), bilingual(1, MAX_OPTION_CHARS)])
  .transform((o): Bilingual => (typeof o === "string" ? { de: o, en: o } : o));

const ClaimSchema = z.strictObject({
  id: z.string().regex(SLUG, "id must be lower-case words joined by hyphens").max(64),
  quote: text(10, 1000),
  question: z.strictObject({ de: question(5, 300), en: question(5, 300) }),
  answer: z.array(option).min(1, "needs at least one answer").max(10),
  accept: z.array(option).max(20).default([]),
  type: z.enum(CLAIM_TYPES),
  statement: bilingual(5, 300),
  false_statements: z.array(bilingual(5, 300)).max(5).default([]),
  distractors: z.array(option).max(20).default([]),
  not_offered: z.array(label(MAX_OPTION_CHARS)).max(30).default([]),
  borrow: z.boolean().default(true),
  kinds: z
    .array(z.enum(QUESTION_KINDS))
    .max(3)
    .default([...QUESTION_KINDS]),
  tags: z
    .array(z.string().regex(SLUG, "tags are lower-case words joined by hyphens").max(32))
    .min(1)
    .max(5),
  asks: AsksSchema.optional(),
  when: z
    .union([z.number().int(), z.string().regex(/^\d{4}(-\d\d){0,2}$/, 'a year or "YYYY-MM-DD"')])
    .transform((v) => Number(String(v).slice(0, 4)))
    .optional(),
});

/**
 * A claim of a server's library (imported or proposed in Discord): the English question, the
 * statements and the tags may be left out; what is missing is not asked.
 */
const LibraryClaimSchema = ClaimSchema.omit({ asks: true, when: true }).extend({
  id: z.string().regex(SLUG, "id must be lower-case words joined by hyphens").max(MAX_SLUG),
  question: z.strictObject({
    de: question(5, 300),
    en: question(0, 300).default(""),
  }),
  statement: z
    .strictObject({ de: text(5, 300).optional(), en: text(5, 300).optional() })
    .default({})
    .transform((s): Bilingual => ({ de: s.de ?? "", en: s.en ?? "" })),
  tags: z
    .array(z.string().regex(SLUG, "tags are lower-case words joined by hyphens").max(32))
    .max(5)
    .default([]),
});

/** The corpus files' claims, or a server library's (fewer fields required). */
export type ClaimFormat = "corpus" | "library";

type ClaimData = z.infer<typeof ClaimSchema>;

export interface ClaimFileResult {
  claims: ParsedClaim[];
  problems: CorpusProblem[];
}

/** The article a claim file belongs to: its text, and its date for the rules on numbers. */
export interface ClaimArticle {
  readonly body: string;
  readonly date?: string | undefined;
  /** The body folded for quote search, when many claims are placed in it (made once). */
  readonly folded?: FoldedText;
}

function asParsed(
  claim: ClaimData,
): Omit<ParsedClaim, "articleId" | "file" | "line" | "quoteStart" | "quoteEnd"> {
  const { false_statements, not_offered, ...rest } = claim;
  return { ...rest, falseStatements: false_statements, notOffered: not_offered };
}

/** A problem of one claim, at a path of its fields (for a line number or a form field). */
export interface ClaimProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * Checks one claim, as read from YAML or built from a form, against its article: its fields,
 * its quote in the article, and the claim rules. The claim comes back only without problems.
 */
export function checkClaim(
  raw: unknown,
  articleId: string,
  article: ClaimArticle,
  format: ClaimFormat,
  entities: Entities = NO_ENTITIES,
): { claim?: Omit<ParsedClaim, "file" | "line">; problems: ClaimProblem[] } {
  const problems: ClaimProblem[] = [];
  const parsed = (format === "library" ? LibraryClaimSchema : ClaimSchema).safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
      if (keys.length > 0) {
        for (const key of keys)
          problems.push({
            path: [...issue.path, key],
            message: `unknown field "${[...issue.path, key].join(".")}"`,
          });
      } else {
        const field = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
        problems.push({ path: issue.path, message: `${field}${issue.message}` });
      }
    }
    return { problems };
  }
  const claim = asParsed(parsed.data);
  const location = locateQuote(article.folded ?? foldWhitespace(article.body), claim.quote);
  if (!location)
    problems.push({
      path: ["quote"],
      message: `quote does not occur in ${format === "corpus" ? `corpus/articles/${articleId}.md` : `the article ${shownId(articleId)}`}`,
    });
  problems.push(...claimRuleProblems(claim, article.date));
  problems.push(...optionProblems(claim, entities, article.date));
  if (problems.length > 0 || !location) return { problems };
  return {
    claim: {
      ...entityOptions(claim, entities, article.date),
      articleId,
      quoteStart: location.start,
      quoteEnd: location.end,
    },
    problems,
  };
}

/**
 * Validates one claim file against its article. Every problem is reported with its line; claims
 * with problems are left out.
 */
export function parseClaimFile(
  file: string,
  articleId: string,
  source: string,
  article: ClaimArticle | undefined,
  format: ClaimFormat = "corpus",
  entities: Entities = NO_ENTITIES,
): ClaimFileResult {
  const problems: CorpusProblem[] = [];
  const claims: ParsedClaim[] = [];
  const report = (line: number, message: string) => problems.push({ file, line, message });
  if (source.includes("\u0000") || source.includes("\uFFFD")) {
    report(1, "file is not UTF-8 text");
    return { claims, problems };
  }
  if (article === undefined) {
    report(
      1,
      `no article "${articleId}" for this claim file (expected corpus/articles/${articleId}.md)`,
    );
    return { claims, problems };
  }
  const yaml = parseLocatedYaml(source);
  for (const e of yaml.errors) report(e.line, e.message);
  if (yaml.errors.length > 0) return { claims, problems };
  if (yaml.value === null || yaml.value === undefined) {
    report(1, "claim file is empty: expected a list of claims");
    return { claims, problems };
  }
  if (!Array.isArray(yaml.value)) {
    report(1, "expected a list of claims (each starting with '- id:')");
    return { claims, problems };
  }

  // Folded once for all the file's quotes.
  const searched = { ...article, folded: article.folded ?? foldWhitespace(article.body) };
  yaml.value.forEach((raw: unknown, index: number) => {
    const at = (path: readonly PropertyKey[]) => yaml.lineOf([index, ...path]);
    const checked = checkClaim(raw, articleId, searched, format, entities);
    for (const p of checked.problems) report(at(p.path), p.message);
    if (checked.claim) claims.push({ ...checked.claim, file, line: at([]) });
  });
  return { claims, problems };
}

/** Claim ids are unique across the whole corpus; the second and later uses are reported. */
export function duplicateIdProblems(claims: readonly ParsedClaim[]): CorpusProblem[] {
  const first = new Map<string, ParsedClaim>();
  const problems: CorpusProblem[] = [];
  for (const c of claims) {
    const earlier = first.get(c.id);
    if (earlier) {
      problems.push({
        file: c.file,
        line: c.line,
        message: `duplicate claim id "${c.id}" (first at ${earlier.file}:${earlier.line})`,
      });
    } else first.set(c.id, c);
  }
  return problems;
}

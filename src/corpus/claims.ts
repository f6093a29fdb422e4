import { z } from "zod";
import { normalizeWord } from "../search/normalize.ts";
import type { CorpusProblem } from "./problems.ts";
import { parseLocatedYaml } from "./yaml-positions.ts";

const CLAIM_TYPES = ["person", "organisation", "place", "number", "date", "term"] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

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

const ClaimSchema = z.strictObject({
  id: z.string().regex(SLUG, "id must be lower-case words joined by hyphens").max(64),
  quote: text(10, 1000),
  question: z.strictObject({ de: question(5, 300), en: question(5, 300) }),
  answer: z.array(label(MAX_OPTION_CHARS)).min(1, "needs at least one answer").max(10),
  accept: z.array(label(MAX_OPTION_CHARS)).max(20).default([]),
  type: z.enum(CLAIM_TYPES),
  statement: bilingual(5, 300),
  distractors: z.array(label(MAX_OPTION_CHARS)).max(20).default([]),
  tags: z
    .array(z.string().regex(SLUG, "tags are lower-case words joined by hyphens").max(32))
    .min(1)
    .max(5),
});

export type ClaimData = z.infer<typeof ClaimSchema>;

/** A validated claim, located in its article. */
export interface ParsedClaim extends ClaimData {
  readonly articleId: string;
  readonly file: string;
  readonly line: number;
  /** Offsets of the quote in the article body. */
  readonly quoteStart: number;
  readonly quoteEnd: number;
}

/** Lower-case, folded, single-spaced: how answers are compared with each other. */
export function normalizeAnswer(answer: string): string {
  return answer
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => normalizeWord(w))
    .join(" ");
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/** Where `quote` stands in `body`, whitespace-insensitively; undefined if it does not. */
function locateQuote(body: string, quote: string): { start: number; end: number } | undefined {
  const words = quote
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const match = new RegExp(words.join("\\s+"), "u").exec(body);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

const NUMBER = /\d+(?:[.,]\d+)*/g;
const digitsOf = (s: string) => [...s.matchAll(NUMBER)].map((m) => m[0].replace(/[.,]/g, ""));

/** A statement names the claim's answer: verbatim, or for numbers and dates by the number. */
function statementNamesAnswer(
  statement: string,
  claim: Pick<ClaimData, "answer" | "type">,
): boolean {
  const s = collapse(statement);
  if (claim.answer.some((a) => s.includes(collapse(a)))) return true;
  if (claim.type !== "number" && claim.type !== "date") return false;
  const numbers = new Set(digitsOf(statement));
  return claim.answer.some((a) => digitsOf(a).some((d) => numbers.has(d)));
}

export interface ClaimFileResult {
  claims: ParsedClaim[];
  problems: CorpusProblem[];
}

/**
 * Validates one claim file against its article's body. Every problem is reported with its line;
 * claims with problems are left out.
 */
export function parseClaimFile(
  file: string,
  articleId: string,
  source: string,
  body: string | undefined,
): ClaimFileResult {
  const problems: CorpusProblem[] = [];
  const claims: ParsedClaim[] = [];
  const report = (line: number, message: string) => problems.push({ file, line, message });
  if (source.includes("\u0000") || source.includes("\uFFFD")) {
    report(1, "file is not UTF-8 text");
    return { claims, problems };
  }
  if (body === undefined) {
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

  yaml.value.forEach((raw: unknown, index: number) => {
    const at = (path: readonly PropertyKey[]) => yaml.lineOf([index, ...path]);
    const parsed = ClaimSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
        if (keys.length > 0) {
          for (const key of keys)
            report(at([...issue.path, key]), `unknown field "${[...issue.path, key].join(".")}"`);
        } else {
          const field = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
          report(at(issue.path), `${field}${issue.message}`);
        }
      }
      return;
    }
    const claim = parsed.data;
    const before = problems.length;
    const location = locateQuote(body, claim.quote);
    if (!location) report(at(["quote"]), `quote does not occur in corpus/articles/${articleId}.md`);
    claim.answer.forEach((answer, i) => {
      if (!collapse(claim.quote).includes(collapse(answer))) {
        report(at(["answer", i]), `answer "${answer}" does not occur in the quote`);
      }
    });
    for (const lang of ["de", "en"] as const) {
      if (!statementNamesAnswer(claim.statement[lang], claim)) {
        const what =
          claim.type === "number" || claim.type === "date"
            ? "an answer or its number"
            : "an answer";
        report(
          at(["statement", lang]),
          `statement.${lang} must contain ${what}, so a false version can swap it`,
        );
      }
    }
    const accepted = new Set([...claim.answer, ...claim.accept].map(normalizeAnswer));
    claim.distractors.forEach((d, i) => {
      if (accepted.has(normalizeAnswer(d)))
        report(at(["distractors", i]), `distractor "${d}" is also an accepted answer`);
    });
    const numeric = claim.type === "number" || claim.type === "date";
    if (numeric && !claim.answer.some((a) => /\d/.test(a)) && claim.distractors.length < 3) {
      report(at(["answer"]), "a number or date answer without digits needs at least 3 distractors");
    }
    if (problems.length === before && location) {
      claims.push({
        ...claim,
        articleId,
        file,
        line: at([]),
        quoteStart: location.start,
        quoteEnd: location.end,
      });
    }
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

import type { Bilingual, ParsedClaim } from "../corpus/claim-types.ts";

type Placed = Omit<ParsedClaim, "file" | "line">;

/** An option written as in a claims file: one text when both languages read the same. */
const option = (o: Bilingual): string | Bilingual => (o.de === o.en ? o.de : { ...o });

/**
 * A checked claim in the claims-file format (the shape stored for a server and exported), with
 * the id its server knows it by. Fields left empty are left out.
 */
export function claimAsYaml(claim: Placed, slug: string): Record<string, unknown> {
  const statement = {
    ...(claim.statement.de ? { de: claim.statement.de } : {}),
    ...(claim.statement.en ? { en: claim.statement.en } : {}),
  };
  return {
    id: slug,
    quote: claim.quote,
    question: { de: claim.question.de, ...(claim.question.en ? { en: claim.question.en } : {}) },
    answer: claim.answer.map(option),
    ...(claim.accept.length > 0 ? { accept: claim.accept.map(option) } : {}),
    type: claim.type,
    ...(Object.keys(statement).length > 0 ? { statement } : {}),
    ...(claim.falseStatements.length > 0
      ? { false_statements: claim.falseStatements.map((f) => ({ ...f })) }
      : {}),
    ...(claim.distractors.length > 0 ? { distractors: claim.distractors.map(option) } : {}),
    ...(claim.notOffered.length > 0 ? { not_offered: [...claim.notOffered] } : {}),
    ...(claim.borrow ? {} : { borrow: false }),
    ...(claim.tags.length > 0 ? { tags: [...claim.tags] } : {}),
  };
}

/** A stored claim as a moderator reviews it: its texts, options in German. */
export interface ClaimSummary {
  readonly quote: string;
  readonly question: { readonly de: string; readonly en: string };
  readonly answers: readonly string[];
  readonly accept: readonly string[];
  readonly distractors: readonly string[];
}

const germanOf = (o: unknown): string =>
  typeof o === "string" ? o : typeof o === "object" && o !== null && "de" in o ? String(o.de) : "";
const germanList = (v: unknown): string[] => (Array.isArray(v) ? v.map(germanOf) : []);

/** The texts of a claim stored by `claimAsYaml`. */
export function claimSummary(stored: Record<string, unknown>): ClaimSummary {
  const question = (stored.question ?? {}) as { de?: unknown; en?: unknown };
  return {
    quote: String(stored.quote ?? ""),
    question: { de: String(question.de ?? ""), en: String(question.en ?? "") },
    answers: germanList(stored.answer),
    accept: germanList(stored.accept),
    distractors: germanList(stored.distractors),
  };
}

/** What a claim is made of, once validated (see claims.ts for the YAML format). */
import type { Asks } from "./entities.ts";

export const CLAIM_TYPES = ["person", "organisation", "place", "number", "date", "term"] as const;

/** The kinds of question a claim can be asked as. */
export const QUESTION_KINDS = ["mc", "tf", "typed"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type ClaimType = (typeof CLAIM_TYPES)[number];

/** A text in German and in English. */
export interface Bilingual {
  readonly de: string;
  readonly en: string;
}

/** A validated claim, located in its article. */
export interface ParsedClaim {
  readonly id: string;
  readonly quote: string;
  readonly question: Bilingual;
  readonly answer: readonly Bilingual[];
  readonly accept: readonly Bilingual[];
  readonly type: ClaimType;
  readonly statement: Bilingual;
  /** Written false versions of the statement, for true/false questions. */
  readonly falseStatements: readonly Bilingual[];
  readonly distractors: readonly Bilingual[];
  /** Never offered as a wrong option: true of the question's subject, or defensible. */
  readonly notOffered: readonly string[];
  /** Whether wrong options may be borrowed from other claims' answers. */
  readonly borrow: boolean;
  /** The kinds of question it may be asked as; none: it serves the search only. */
  readonly kinds: readonly QuestionKind[];
  readonly tags: readonly string[];
  /** What the question says of every option (checked against corpus/entities.yaml). */
  readonly asks?: Asks | undefined;
  /** The year the question is about, when it is not the first year the question names. */
  readonly when?: number | undefined;
  readonly articleId: string;
  readonly file: string;
  readonly line: number;
  /** Offsets of the quote in the article body. */
  readonly quoteStart: number;
  readonly quoteEnd: number;
}

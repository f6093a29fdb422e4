import type { Bilingual, ClaimType, QuestionKind } from "../corpus/claim-types.ts";

export type Lang = "de" | "en";
/** Multiple choice, true/false, or an answer typed in. */
export type { QuestionKind };
export type KindChoice = QuestionKind | "mixed";

/** A claim as the quiz sees it (read from the index). */
export interface QuizClaim {
  readonly id: string;
  readonly articleId: string;
  readonly passageId: string;
  readonly type: ClaimType;
  readonly quote: string;
  readonly question: Bilingual;
  readonly statement: Bilingual;
  readonly answers: readonly Bilingual[];
  readonly accept: readonly Bilingual[];
  readonly distractors: readonly Bilingual[];
  readonly falseStatements: readonly Bilingual[];
  readonly notOffered: readonly string[];
  readonly borrow: boolean;
  /** The kinds of question it may be asked as (none: it serves the search only). */
  readonly kinds: readonly QuestionKind[];
  readonly tags: readonly string[];
  /** The article's date ("2025", "2024-12"): no option may be later. */
  readonly articleDate: string | null;
}

/** Where the answer is proven. */
export interface Citation {
  readonly articleId: string;
  readonly passageId: string;
  readonly quote: string;
}

export interface Question {
  readonly claimId: string;
  readonly kind: QuestionKind;
  readonly lang: Lang;
  /** The question (multiple choice, typed) or the statement to judge (true/false). */
  readonly prompt: string;
  /** The options to click; for a typed question, just the answer as shown in the reveal. */
  readonly options: readonly string[];
  readonly correctIndex: number;
  readonly citation: Citation;
  /** A typed question's accepted answers: every answer and alias, in both languages. */
  readonly accepted?: readonly string[];
  /** A typed question's rival names: an answer that names one of them beside the answer is wrong. */
  readonly rivals?: readonly string[];
  /** A typed question whose answer is a person (a given name before the surname must fit). */
  readonly person?: boolean;
}

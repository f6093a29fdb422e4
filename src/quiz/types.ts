import type { ClaimType } from "../corpus/claims.ts";

export type Lang = "de" | "en";
export type QuestionKind = "mc" | "tf";
export type KindChoice = QuestionKind | "mixed";

/** A claim as the quiz sees it (read from the index). */
export interface QuizClaim {
  readonly id: string;
  readonly articleId: string;
  readonly passageId: string;
  readonly type: ClaimType;
  readonly quote: string;
  readonly question: { readonly de: string; readonly en: string };
  readonly statement: { readonly de: string; readonly en: string };
  readonly answers: readonly string[];
  readonly accept: readonly string[];
  readonly distractors: readonly string[];
  readonly tags: readonly string[];
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
  /** The question (multiple choice) or the statement to judge (true/false). */
  readonly prompt: string;
  readonly options: readonly string[];
  readonly correctIndex: number;
  readonly citation: Citation;
}

import type { Db } from "../db/client.ts";
import { loadQuizClaims } from "./claims-store.ts";
import { generateQuestions } from "./generate.ts";
import { dueClaimIds, recordReviewAnswer } from "./review-store.ts";
import type { Lang, Question } from "./types.ts";

/** /review: the claims a user has missed whose review is due, and the answers to them. */
export class Reviews {
  constructor(
    private readonly db: Db,
    private readonly clock: () => number,
  ) {}

  /** Up to `count` multiple-choice questions on the user's due claims. */
  dueQuestions(userId: string, lang: Lang, count: number): Question[] {
    const now = this.clock();
    const due = new Set(dueClaimIds(this.db, userId, now, count));
    const claims = loadQuizClaims(this.db).filter((c) => due.has(c.id));
    return generateQuestions(claims, { count, seed: now % 2 ** 31, kind: "mc", lang });
  }

  record(userId: string, claimId: string, correct: boolean): void {
    recordReviewAnswer(this.db, userId, claimId, correct, this.clock());
  }
}

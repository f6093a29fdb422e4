import { asc } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { claims } from "../db/schema.ts";
import type { QuizClaim } from "./types.ts";

/** Every claim of the index, as the quiz uses them. */
export function loadQuizClaims(db: Db): QuizClaim[] {
  return db
    .select()
    .from(claims)
    .orderBy(asc(claims.id))
    .all()
    .map((c) => ({
      id: c.id,
      articleId: c.articleId,
      passageId: c.passageId,
      type: c.type as QuizClaim["type"],
      quote: c.quote,
      question: { de: c.questionDe, en: c.questionEn },
      statement: { de: c.statementDe, en: c.statementEn },
      answers: c.answers,
      accept: c.accept,
      distractors: c.distractors,
      tags: c.tags,
    }));
}

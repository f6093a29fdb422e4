import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { articles, claims } from "../db/schema.ts";
import { type GuildScope, visibleArticles, visibleClaims } from "../library/scope.ts";
import type { QuizClaim } from "./types.ts";

/** The claims a server (or, without one, the shared corpus) asks, as the quiz uses them. */
export function loadQuizClaims(db: Db, guildId: GuildScope): QuizClaim[] {
  return db
    .select({ claim: claims, articleDate: articles.date })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(and(visibleClaims(guildId), visibleArticles(guildId)))
    .orderBy(asc(claims.id))
    .all()
    .map(({ claim: c, articleDate }) => ({
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
      falseStatements: c.falseStatements,
      notOffered: c.notOffered,
      borrow: c.borrow,
      kinds: c.kinds,
      tags: c.tags,
      articleDate,
    }));
}

import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { articles, claims } from "../db/schema.ts";
import { type GuildScope, visibleArticles, visibleClaims } from "../search/scope.ts";
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

/** Claims looked up in one statement at most (SQLite bounds a statement's parameters). */
const TAGS_CHUNK = 500;

/** The tags of these claims, by id; claims no longer in the index are left out. */
export function claimTags(db: Db, claimIds: readonly string[]): Map<string, readonly string[]> {
  const tags = new Map<string, readonly string[]>();
  for (let i = 0; i < claimIds.length; i += TAGS_CHUNK) {
    const rows = db
      .select({ id: claims.id, tags: claims.tags })
      .from(claims)
      .where(inArray(claims.id, claimIds.slice(i, i + TAGS_CHUNK)))
      .all();
    for (const row of rows) tags.set(row.id, row.tags);
  }
  return tags;
}

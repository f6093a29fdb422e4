import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { articles, passages } from "../db/schema.ts";

export interface PassageSource {
  readonly passageId: string;
  readonly articleId: string;
  readonly title: string | null;
  readonly publication: string | null;
  readonly date: string | null;
  readonly paragraph: number;
  readonly text: string;
}

/** A passage with the article facts its source line needs. */
export function findPassage(db: Db, passageId: string): PassageSource | undefined {
  return db
    .select({
      passageId: passages.id,
      articleId: passages.articleId,
      title: articles.title,
      publication: articles.publication,
      date: articles.date,
      paragraph: passages.paragraph,
      text: passages.text,
    })
    .from(passages)
    .innerJoin(articles, eq(articles.id, passages.articleId))
    .where(eq(passages.id, passageId))
    .get();
}

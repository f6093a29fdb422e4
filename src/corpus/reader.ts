import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { articles, claims, passages, topics } from "../db/schema.ts";

/** A passage with the article facts its source line needs. */
export interface PassageSource {
  readonly passageId: string;
  readonly articleId: string;
  readonly title: string | null;
  readonly publication: string | null;
  readonly date: string | null;
  readonly paragraph: number;
  readonly text: string;
}

export interface ArticleSummary {
  readonly id: string;
  readonly title: string | null;
  readonly date: string | null;
}

export type ArticleRow = typeof articles.$inferSelect;
export type PassageRow = typeof passages.$inferSelect;

/** A topic: the tag claims carry, and its name in each language. */
export interface Topic {
  readonly slug: string;
  readonly label: { readonly de: string; readonly en: string };
}

/** The neighbours of a passage, for the context view. */
export interface PassageContext {
  readonly before?: string | undefined;
  readonly after?: string | undefined;
}

/** Reads of the indexed corpus: articles, their passages, the claims' topics. */
export class CorpusReader {
  constructor(private readonly db: Db) {}

  /** Every article, by id. */
  articles(): ArticleSummary[] {
    return this.db
      .select({ id: articles.id, title: articles.title, date: articles.date })
      .from(articles)
      .orderBy(asc(articles.id))
      .all();
  }

  /** One article with its passages in order, or undefined. */
  article(id: string): { article: ArticleRow; passages: PassageRow[] } | undefined {
    const article = this.db.select().from(articles).where(eq(articles.id, id)).get();
    if (!article) return undefined;
    const rows = this.db
      .select()
      .from(passages)
      .where(eq(passages.articleId, id))
      .orderBy(asc(passages.seq))
      .all();
    return { article, passages: rows };
  }

  passage(passageId: string): PassageSource | undefined {
    return this.db
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

  /** The passages before and after one. */
  context(articleId: string, passageId: string): PassageContext {
    const seq = Number(passageId.split("#").at(-1));
    const at = (n: number) =>
      this.db
        .select({ text: passages.text })
        .from(passages)
        .where(and(eq(passages.articleId, articleId), eq(passages.seq, n)))
        .get()?.text;
    return { before: at(seq - 1), after: at(seq + 1) };
  }

  /** The topics (claim tags) the corpus's claims use, with their labels, by slug. */
  topics(): Topic[] {
    const used = new Set(
      this.db
        .select({ tags: claims.tags })
        .from(claims)
        .all()
        .flatMap((c) => c.tags),
    );
    return this.db
      .select()
      .from(topics)
      .orderBy(asc(topics.slug))
      .all()
      .filter((t) => used.has(t.slug))
      .map((t) => ({ slug: t.slug, label: { de: t.labelDe, en: t.labelEn } }));
  }
}

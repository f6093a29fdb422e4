import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { articles, claims, passages, topics } from "../db/schema.ts";
import { libraryId } from "../library/ids.ts";
import { type GuildScope, visibleArticles, visibleClaims } from "../search/scope.ts";

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

  /** Every article a server (or, without one, the shared corpus) has, by id. */
  articles(guildId: GuildScope): ArticleSummary[] {
    return this.db
      .select({ id: articles.id, title: articles.title, date: articles.date })
      .from(articles)
      .where(visibleArticles(guildId))
      .orderBy(asc(articles.id))
      .all();
  }

  /**
   * The id of an article a server sees, typed as its id or, for the server's own articles, as
   * the slug the server knows it by; undefined when it sees none such.
   */
  resolve(typed: string, guildId: GuildScope): string | undefined {
    const candidates = guildId === null ? [typed] : [typed, libraryId(guildId, typed)];
    for (const id of candidates) {
      const found = this.db
        .select({ id: articles.id })
        .from(articles)
        .where(and(eq(articles.id, id), visibleArticles(guildId)))
        .get();
      if (found) return found.id;
    }
    return undefined;
  }

  /** One article a server sees, with its passages in order, or undefined. */
  article(
    typed: string,
    guildId: GuildScope,
  ): { article: ArticleRow; passages: PassageRow[] } | undefined {
    const id = this.resolve(typed, guildId);
    if (id === undefined) return undefined;
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

  /** The topics (claim tags) the claims a server asks use, with their labels, by slug. */
  topics(guildId: GuildScope): Topic[] {
    const used = new Set(
      this.db
        .select({ tags: claims.tags })
        .from(claims)
        .where(visibleClaims(guildId))
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

import { createHash } from "node:crypto";
import { parseArticle } from "../corpus/article.ts";
import { analysedArticle } from "../corpus/index-rows.ts";
import type { CorpusProblem } from "../corpus/problems.ts";
import { StemIndexer } from "../search/analyzer.ts";
import { libraryId } from "./ids.ts";

const contentHash = (source: string) => createHash("sha256").update(source).digest("hex");

/** A server article's index rows, analysed outside any transaction (stemming takes a while). */
export type LibraryArticleRows = ReturnType<typeof analysedArticle> & {
  readonly article: { readonly guildId: string };
};

/** Reads and analyses a server's article (corpus format); its problems if it is not valid. */
export function analyseLibraryArticle(
  guildId: string,
  slug: string,
  source: string,
  now: Date,
): { rows?: LibraryArticleRows; problems: CorpusProblem[] } {
  const parsed = parseArticle(`${slug}.md`, slug, source);
  if (!parsed.article) return { problems: parsed.problems };
  const article = { ...parsed.article, id: libraryId(guildId, slug) };
  const rows = analysedArticle(article, contentHash(source), now, new StemIndexer());
  return { rows: { ...rows, article: { ...rows.article, guildId } }, problems: [] };
}

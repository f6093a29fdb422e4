import { lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { type ParsedArticle, parseArticle } from "./article.ts";
import type { CorpusProblem } from "./problems.ts";

export interface LoadedCorpus {
  readonly articles: readonly ParsedArticle[];
  /** Raw text of every article file by id, hashed to see what changed. */
  readonly sources: ReadonlyMap<string, string>;
  readonly problems: readonly CorpusProblem[];
}

export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel.split(sep).join("/");
}

/** The `.md` files of a folder that really live inside it (no links leading elsewhere). */
function listFiles(dir: string, extension: string, problems: CorpusProblem[]): string[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith(extension))
      .sort();
  } catch {
    return [];
  }
  const root = realpathSync(dir);
  const files: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const shown = displayPath(path);
    try {
      const real = realpathSync(path);
      if (!real.startsWith(root + sep)) {
        problems.push({ file: shown, line: 1, message: "file lies outside the corpus folder" });
        continue;
      }
      const stat = lstatSync(real);
      if (!stat.isFile()) continue;
      if (stat.size > MAX_ARTICLE_BYTES) {
        problems.push({
          file: shown,
          line: 1,
          message: `file is larger than ${MAX_ARTICLE_BYTES} bytes`,
        });
        continue;
      }
      files.push(path);
    } catch (error) {
      problems.push({
        file: shown,
        line: 1,
        message: `cannot read file: ${(error as Error).message}`,
      });
    }
  }
  return files;
}

/** Reads and validates `<dir>/articles/*.md`; nothing is indexed from here. */
export function loadCorpus(dir: string): LoadedCorpus {
  const problems: CorpusProblem[] = [];
  const articlesDir = join(dir, "articles");
  const articles: ParsedArticle[] = [];
  const sources = new Map<string, string>();
  const files = listFiles(articlesDir, ".md", problems);
  if (files.length === 0 && problems.length === 0) {
    problems.push({ file: displayPath(articlesDir), line: 1, message: "no articles (*.md) found" });
  }
  for (const path of files) {
    const id = basename(path, ".md");
    const source = readFileSync(path, "utf8");
    const result = parseArticle(displayPath(path), id, source);
    problems.push(...result.problems);
    if (result.article) {
      articles.push(result.article);
      sources.set(id, source);
    }
  }
  return { articles, sources, problems };
}

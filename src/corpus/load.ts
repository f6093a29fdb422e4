import { lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { type ParsedArticle, parseArticle } from "./article.ts";
import { duplicateIdProblems, type ParsedClaim, parseClaimFile } from "./claims.ts";
import type { CorpusProblem } from "./problems.ts";

export interface LoadedCorpus {
  readonly articles: readonly ParsedArticle[];
  readonly claims: readonly ParsedClaim[];
  /** Raw text of every article file by id, hashed to see what changed. */
  readonly sources: ReadonlyMap<string, string>;
  /** Raw text of every claim file by article id. */
  readonly claimSources: ReadonlyMap<string, string>;
  readonly problems: readonly CorpusProblem[];
}

const MAX_FILE_BYTES = 2 * 1024 * 1024;

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel.split(sep).join("/");
}

/** The files of a folder with this extension that really live inside it (no links leading elsewhere). */
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
      if (stat.size > MAX_FILE_BYTES) {
        problems.push({
          file: shown,
          line: 1,
          message: `file is larger than ${MAX_FILE_BYTES} bytes`,
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

/** The raw files of a corpus folder, read but not parsed. */
export interface CorpusFiles {
  readonly articles: ReadonlyMap<string, { readonly path: string; readonly source: string }>;
  readonly claims: ReadonlyMap<string, { readonly path: string; readonly source: string }>;
  /** Problems found while listing (files outside the folder, too large, unreadable). */
  readonly problems: readonly CorpusProblem[];
}

/** Reads `<dir>/articles/*.md` and `<dir>/claims/*.yaml` as text. */
export function readCorpusFiles(dir: string): CorpusFiles {
  const problems: CorpusProblem[] = [];
  const articlesDir = join(dir, "articles");
  const read = (files: string[], extension: string) =>
    new Map(
      files.map((path) => [
        basename(path, extension),
        { path, source: readFileSync(path, "utf8") },
      ]),
    );
  const articles = read(listFiles(articlesDir, ".md", problems), ".md");
  if (articles.size === 0 && problems.length === 0) {
    problems.push({ file: displayPath(articlesDir), line: 1, message: "no articles (*.md) found" });
  }
  const claims = read(listFiles(join(dir, "claims"), ".yaml", problems), ".yaml");
  return { articles, claims, problems };
}

/** Validates the files of a corpus; nothing is indexed here. */
export function parseCorpus(files: CorpusFiles): LoadedCorpus {
  const problems: CorpusProblem[] = [...files.problems];
  const articles: ParsedArticle[] = [];
  const sources = new Map<string, string>();
  for (const [id, { path, source }] of files.articles) {
    const result = parseArticle(displayPath(path), id, source);
    problems.push(...result.problems);
    if (result.article) {
      articles.push(result.article);
      sources.set(id, source);
    }
  }
  const bodies = new Map(articles.map((a) => [a.id, a.body]));
  const claims: ParsedClaim[] = [];
  const claimSources = new Map<string, string>();
  for (const [articleId, { path, source }] of files.claims) {
    // An article with problems of its own is reported already; its claims wait for it.
    if (files.articles.has(articleId) && !bodies.has(articleId)) continue;
    const result = parseClaimFile(displayPath(path), articleId, source, bodies.get(articleId));
    problems.push(...result.problems);
    claims.push(...result.claims);
    claimSources.set(articleId, source);
  }
  problems.push(...duplicateIdProblems(claims));
  return { articles, claims, sources, claimSources, problems };
}

/** Reads and validates `<dir>/articles/*.md` and `<dir>/claims/*.yaml`; nothing is indexed here. */
export function loadCorpus(dir: string): LoadedCorpus {
  return parseCorpus(readCorpusFiles(dir));
}

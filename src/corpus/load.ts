import { lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { z } from "zod";
import { isLibraryId } from "../library/ids.ts";
import { type ParsedArticle, parseArticle } from "./article.ts";
import type { Bilingual, ParsedClaim } from "./claim-types.ts";
import { duplicateIdProblems, parseClaimFile } from "./claims.ts";
import { parseEntities } from "./entities.ts";
import type { CorpusProblem } from "./problems.ts";
import { parseLocatedYaml } from "./yaml-positions.ts";

export interface LoadedCorpus {
  readonly articles: readonly ParsedArticle[];
  readonly claims: readonly ParsedClaim[];
  /** The labels of the claims' topics (tags.yaml), in German and English. */
  readonly topics: ReadonlyMap<string, Bilingual>;
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

interface SourceFile {
  readonly path: string;
  readonly source: string;
}

/** The raw files of a corpus folder, read but not parsed. */
export interface CorpusFiles {
  readonly articles: ReadonlyMap<string, SourceFile>;
  readonly claims: ReadonlyMap<string, SourceFile>;
  /** `tags.yaml`: the topics' labels. */
  readonly topics: SourceFile | undefined;
  /** `entities.yaml`: what the options are (kind, owner, field, time), for the questions' wording. */
  readonly entities: SourceFile | undefined;
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
  const topLevel = listFiles(dir, ".yaml", problems);
  const named = (file: string) =>
    topLevel
      .filter((path) => basename(path) === file)
      .map((path) => ({ path, source: readFileSync(path, "utf8") }))[0];
  return { articles, claims, topics: named(TOPICS_FILE), entities: named(ENTITIES_FILE), problems };
}

const ENTITIES_FILE = "entities.yaml";
const ENTITIES_SOURCE = "\u0000entities";

const TOPICS_FILE = "tags.yaml";
/** The key the topics' labels are fingerprinted under, beside the claim files. */
const TOPICS_SOURCE = "\u0000tags";

/** Every claim file's text by article id, and the topics' labels: what the claims index is built from. */
export function claimSources(files: CorpusFiles): Map<string, string> {
  const sources = new Map([...files.claims].map(([id, f]) => [id, f.source]));
  if (files.topics) sources.set(TOPICS_SOURCE, files.topics.source);
  if (files.entities) sources.set(ENTITIES_SOURCE, files.entities.source);
  return sources;
}

const TopicsSchema = z.record(
  z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "tags are lower-case words joined by hyphens"),
  z.strictObject({ de: z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(60) }),
);

function parseTopics(
  file: SourceFile | undefined,
  problems: CorpusProblem[],
): Map<string, Bilingual> {
  if (!file) return new Map();
  const shown = displayPath(file.path);
  const yaml = parseLocatedYaml(file.source);
  for (const e of yaml.errors) problems.push({ file: shown, line: e.line, message: e.message });
  const parsed = TopicsSchema.safeParse(yaml.value ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({
        file: shown,
        line: yaml.lineOf(issue.path as PropertyKey[]),
        message: `${issue.path.join(".")}: ${issue.message}`,
      });
    return new Map();
  }
  return new Map(Object.entries(parsed.data));
}

/** Ids of the shape `g<digits>-…` belong to server libraries (see library/ids.ts). */
function reservedIdProblems(
  articles: readonly ParsedArticle[],
  claims: readonly ParsedClaim[],
): CorpusProblem[] {
  const message = (id: string) =>
    `id "${id}" has the shape of a server library's ids (g<digits>-…): choose another`;
  return [
    ...articles
      .filter((a) => isLibraryId(a.id))
      .map((a) => ({ file: a.file, line: 1, message: message(a.id) })),
    ...claims
      .filter((c) => isLibraryId(c.id))
      .map((c) => ({ file: c.file, line: c.line, message: message(c.id) })),
  ];
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
  const byId = new Map(articles.map((a) => [a.id, { body: a.body, date: a.meta.date }]));
  const entities = parseEntities(
    displayPath(files.entities?.path ?? ENTITIES_FILE),
    files.entities?.source,
    problems,
  );
  const claims: ParsedClaim[] = [];
  for (const [articleId, { path, source }] of files.claims) {
    // An article with problems of its own is reported already; its claims wait for it.
    if (files.articles.has(articleId) && !byId.has(articleId)) continue;
    const result = parseClaimFile(
      displayPath(path),
      articleId,
      source,
      byId.get(articleId),
      "corpus",
      entities,
    );
    problems.push(...result.problems);
    claims.push(...result.claims);
  }
  problems.push(...duplicateIdProblems(claims), ...reservedIdProblems(articles, claims));
  const topics = parseTopics(files.topics, problems);
  for (const claim of claims) {
    for (const tag of claim.tags) {
      if (!topics.has(tag))
        problems.push({
          file: claim.file,
          line: claim.line,
          message: `tag "${tag}" has no labels in ${files.topics ? displayPath(files.topics.path) : "tags.yaml"}`,
        });
    }
  }
  return { articles, claims, topics, sources, claimSources: claimSources(files), problems };
}

/** Reads and validates `<dir>/articles/*.md` and `<dir>/claims/*.yaml`; nothing is indexed here. */
export function loadCorpus(dir: string): LoadedCorpus {
  return parseCorpus(readCorpusFiles(dir));
}

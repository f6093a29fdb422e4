import { stringify } from "yaml";
import { type ClaimArticle, duplicateIdProblems, parseClaimFile } from "../corpus/claims.ts";
import type { CorpusProblem } from "../corpus/problems.ts";
import { analyseLibraryArticle, type LibraryArticleRows } from "./article-rows.ts";
import { type BundleFile, packBundle, unpackBundle, type ZipProblem } from "./bundle.ts";
import { type PlacedClaims, placeClaims, type StoredClaim } from "./claim-placing.ts";
import { claimAsYaml } from "./claim-yaml.ts";
import { libraryId, MAX_SLUG } from "./ids.ts";
import { LIBRARY_LIMITS } from "./limits.ts";
import {
  asCorpusSource,
  statedTitle,
  suggestedTitle,
  type UploadedText,
  uploadSlug,
} from "./upload.ts";

/**
 * The analysis of what a server uploads or imports (reading, splitting, stemming, finding quotes,
 * placing its claims anew), as pure functions of the job's data: a library worker runs them, off
 * the event loop and within a budget, and the write transaction only writes what they prepared.
 */

/** A server's approved claims and the articles they quote, as the index has them now. */
export interface ApprovedClaims {
  readonly claims: readonly StoredClaim[];
  readonly articles: ReadonlyMap<string, ClaimArticle>;
}

/** An article the index knows (a shared one, for a claims file in a zip). */
export interface KnownArticle extends ClaimArticle {
  readonly id: string;
}

/** An upload or import to analyse against the server's library as it stands. */
export type AnalysisJob = { readonly guildId: string; readonly approved: ApprovedClaims } & (
  | {
      readonly kind: "article";
      readonly upload: UploadedText;
      readonly title: string | undefined;
      readonly now: number;
    }
  | {
      readonly kind: "claims-file";
      readonly file: UploadedText;
      readonly article: KnownArticle;
      /** The shared corpus's topics: the only tags a claim may carry. */
      readonly topics: readonly string[];
    }
  | { readonly kind: "bundle"; readonly zip: Uint8Array; readonly now: number }
);

/** A library to pack as a zip: its articles' files and its claims, by claims file. */
export interface ExportJob {
  readonly kind: "export";
  readonly articles: readonly BundleFile[];
  readonly claimFiles: readonly { readonly path: string; readonly claims: readonly unknown[] }[];
}

export type LibraryJob = AnalysisJob | ExportJob;

/** A claim to store as approved. */
export interface NewClaim {
  readonly slug: string;
  readonly articleId: string;
  readonly claim: Record<string, unknown>;
}

/** An article to store, with its index rows. */
export interface NewArticle {
  readonly slug: string;
  readonly source: string;
  readonly rows: LibraryArticleRows;
}

export type AnalysisResult =
  | { readonly kind: "needs-title"; readonly suggestion: string }
  | { readonly kind: "invalid"; readonly problems: readonly string[] }
  /** A zip refused as a zip (its structure or its sizes), before its files are read as such. */
  | { readonly kind: "bad-zip"; readonly problems: readonly ZipProblem[] }
  | {
      readonly kind: "prepared";
      readonly articles: readonly NewArticle[];
      readonly claims: readonly NewClaim[];
      /** Every approved claim of the server after the write, placed. */
      readonly placed: PlacedClaims;
    };

/** What a job comes to: an export its zip, an analysis its prepared rows or why not. */
export type JobResult<J extends LibraryJob = LibraryJob> = J extends ExportJob
  ? { readonly kind: "packed"; readonly data: Uint8Array }
  : AnalysisResult;

/** Looks up shared articles by the names claims files in a zip give. */
export type SharedLookup = (names: readonly string[]) => Promise<ReadonlyMap<string, KnownArticle>>;

const line = (p: CorpusProblem) => `${p.file}:${p.line}: ${p.message}`;

/** The server's approved claims once `claims` are stored and `articles` replaced, placed. */
function placedAfter(
  job: AnalysisJob,
  articles: readonly NewArticle[],
  claims: readonly NewClaim[],
  more: ReadonlyMap<string, ClaimArticle> = new Map(),
): PlacedClaims {
  const bodies = new Map([...job.approved.articles, ...more]);
  for (const { rows } of articles)
    bodies.set(rows.article.id, { body: rows.article.body, date: rows.article.date ?? undefined });
  const replaced = new Set(claims.map((c) => c.slug));
  const kept = job.approved.claims.filter((c) => !replaced.has(c.slug));
  return placeClaims([...kept, ...claims.map((c) => ({ ...c, guildId: job.guildId }))], bodies);
}

function analyseUpload(job: Extract<AnalysisJob, { kind: "article" }>): AnalysisResult {
  const { upload } = job;
  const chosenTitle = job.title?.trim() || statedTitle(upload);
  const slug = uploadSlug(upload, chosenTitle);
  const source = asCorpusSource(upload, chosenTitle ?? suggestedTitle(upload));
  const analysed = analyseLibraryArticle(job.guildId, slug, source, new Date(job.now));
  if (!analysed.rows)
    return {
      kind: "invalid",
      problems: analysed.problems.map((p) => `${upload.filename}:${p.line}: ${p.message}`),
    };
  // A file that is wrong anyway says so before anyone is asked for its title.
  if (!chosenTitle) return { kind: "needs-title", suggestion: suggestedTitle(upload) };
  const articles = [{ slug, source, rows: analysed.rows }];
  return { kind: "prepared", articles, claims: [], placed: placedAfter(job, articles, []) };
}

function analyseClaimsFile(job: Extract<AnalysisJob, { kind: "claims-file" }>): AnalysisResult {
  const { file, article } = job;
  const parsed = parseClaimFile(file.filename, article.id, file.text, article, "library");
  const problems = [...parsed.problems, ...duplicateIdProblems(parsed.claims)];
  const known = new Set(job.topics);
  for (const claim of parsed.claims)
    for (const tag of claim.tags)
      if (!known.has(tag))
        problems.push({
          file: file.filename,
          line: claim.line,
          message: `tag "${tag}" is not a topic of the shared corpus`,
        });
  if (problems.length > 0) return { kind: "invalid", problems: problems.map(line) };
  const claims = parsed.claims.map((c) => ({
    slug: c.id,
    articleId: article.id,
    claim: claimAsYaml(c, c.id),
  }));
  const placed = placedAfter(job, [], claims, new Map([[article.id, article]]));
  return { kind: "prepared", articles: [], claims, placed };
}

const basename = (path: string, ext: string) => path.slice(path.indexOf("/") + 1, -ext.length);

async function analyseBundle(
  job: Extract<AnalysisJob, { kind: "bundle" }>,
  shared: SharedLookup,
): Promise<AnalysisResult> {
  const unpacked = await unpackBundle(job.zip, {
    maxFiles: LIBRARY_LIMITS.bundleFiles,
    maxFileBytes: LIBRARY_LIMITS.fileBytes,
    maxTotalBytes: LIBRARY_LIMITS.bundleUnpackedBytes,
  });
  if (!unpacked.ok) return { kind: "bad-zip", problems: unpacked.problems };
  const problems: string[] = [];
  const articles = new Map<string, NewArticle>();
  for (const file of unpacked.files.filter((f) => f.path.startsWith("articles/"))) {
    const slug = basename(file.path, ".md");
    if (slug.length > MAX_SLUG) {
      problems.push(`${file.path}:1: the file name is longer than ${MAX_SLUG} characters`);
      continue;
    }
    const analysed = analyseLibraryArticle(job.guildId, slug, file.text, new Date(job.now));
    for (const p of analysed.problems) problems.push(`${file.path}:${p.line}: ${p.message}`);
    if (analysed.rows) articles.set(slug, { slug, source: file.text, rows: analysed.rows });
  }
  const claimFiles = unpacked.files.filter((f) => f.path.startsWith("claims/"));
  const names = claimFiles.map((f) => basename(f.path, ".yaml"));
  const found = await shared(names.filter((n) => !articles.has(n)));
  const claims: NewClaim[] = [];
  const quoted = new Map<string, ClaimArticle>();
  const claimProblems: CorpusProblem[] = [];
  for (const file of claimFiles) {
    const name = basename(file.path, ".yaml");
    const own = articles.get(name)?.rows.article;
    const article = own ? { ...own, date: own.date ?? undefined } : found.get(name);
    const id = own ? libraryId(job.guildId, name) : article?.id;
    if (!article || !id) {
      problems.push(`${file.path}:1: no article "${name}" in the zip or the shared corpus`);
      continue;
    }
    quoted.set(id, article);
    const parsed = parseClaimFile(file.path, id, file.text, article, "library");
    claimProblems.push(...parsed.problems, ...duplicateIdProblems(parsed.claims));
    for (const c of parsed.claims)
      claims.push({ articleId: id, claim: claimAsYaml(c, c.id), slug: c.id });
  }
  problems.push(...claimProblems.map(line));
  if (articles.size === 0 && claims.length === 0)
    problems.push("the zip holds no articles and no claims");
  if (problems.length > 0) return { kind: "invalid", problems };
  const stored = [...articles.values()];
  return {
    kind: "prepared",
    articles: stored,
    claims,
    placed: placedAfter(job, stored, claims, quoted),
  };
}

/** Packs a library's files as a zip (compressing megabytes takes a while). */
function packExport(job: ExportJob): JobResult<ExportJob> {
  const claimFiles = job.claimFiles.map((f) => ({ path: f.path, text: stringify(f.claims) }));
  return { kind: "packed", data: packBundle([...job.articles, ...claimFiles]) };
}

/** Runs one library job. */
export function analyseLibraryJob(job: LibraryJob, shared: SharedLookup): Promise<JobResult> {
  switch (job.kind) {
    case "export":
      return Promise.resolve(packExport(job));
    case "article":
      return Promise.resolve(analyseUpload(job));
    case "claims-file":
      return Promise.resolve(analyseClaimsFile(job));
    case "bundle":
      return analyseBundle(job, shared);
  }
}

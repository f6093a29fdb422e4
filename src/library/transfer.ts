import { stringify } from "yaml";
import { duplicateIdProblems, parseClaimFile } from "../corpus/claims.ts";
import type { CorpusProblem } from "../corpus/problems.ts";
import type { Db } from "../db/client.ts";
import { libraryArticles } from "../db/schema.ts";
import { type BundleFile, packBundle, unpackBundle } from "./bundle.ts";
import { claimAsYaml } from "./claim-yaml.ts";
import { isLibraryId, libraryId, MAX_SLUG, shownId } from "./ids.ts";
import {
  analyseLibraryArticle,
  bumpLibraryVersion,
  type LibraryArticleRows,
  putIndexedArticle,
  reindexLibraryClaims,
} from "./index-library.ts";
import { LIBRARY_LIMITS, type Refusal, sharedIdProblem, storeOrRefuse } from "./limits.ts";
import {
  type Actor,
  claimsOf,
  type LibraryDeps,
  ownArticles,
  putApprovedClaim,
  recordEvent,
  sharedIdsAmong,
} from "./store.ts";

export interface LibraryExport {
  readonly filename: string;
  readonly data: Uint8Array;
  readonly articles: number;
  readonly claims: number;
}

export type BundleImportOutcome =
  | { readonly kind: "imported"; readonly articles: number; readonly claims: number }
  | Refusal;

const basename = (path: string, ext: string) => path.slice(path.indexOf("/") + 1, -ext.length);

/** A server's articles and approved claims as one zip in the corpus layout. */
export function exportLibrary(db: Db, guildId: string): LibraryExport {
  const articles = ownArticles(db, guildId);
  const names = exportNames(
    articles.map((a) => a.slug),
    sharedIdsAmong(
      db,
      articles.map((a) => a.slug),
    ),
  );
  const fileName = (articleId: string) =>
    isLibraryId(articleId) ? (names.get(shownId(articleId)) ?? shownId(articleId)) : articleId;
  const byArticle = new Map<string, Record<string, unknown>[]>();
  const approved = claimsOf(db, guildId, "approved");
  for (const c of approved) {
    const list = byArticle.get(c.articleId) ?? [];
    list.push({ ...c.claim, id: c.slug });
    byArticle.set(c.articleId, list);
  }
  const files: BundleFile[] = [
    ...articles.map((a) => ({ path: `articles/${names.get(a.slug)}.md`, text: a.source })),
    ...[...byArticle].map(([articleId, claims]) => ({
      path: `claims/${fileName(articleId)}.yaml`,
      text: stringify(claims),
    })),
  ];
  return {
    filename: `beleg-library-${guildId}.zip`,
    data: packBundle(files),
    articles: articles.length,
    claims: approved.length,
  };
}

/**
 * The names own articles are exported under: their slugs, except that one stored under a shared
 * article's id (before such ids were refused) gets a free name, so that its claims file and the
 * shared article's do not meet and the zip can be imported elsewhere.
 */
function exportNames(slugs: readonly string[], shared: ReadonlySet<string>): Map<string, string> {
  const taken = new Set([...slugs, ...shared]);
  const names = new Map<string, string>();
  for (const slug of slugs) {
    if (!shared.has(slug)) {
      names.set(slug, slug);
      continue;
    }
    const base = slug.slice(0, MAX_SLUG - 6).replace(/-+$/, "");
    let n = 1;
    while (taken.has(`${base}-own${n > 1 ? n : ""}`)) n++;
    const name = `${base}-own${n > 1 ? n : ""}`;
    taken.add(name);
    names.set(slug, name);
  }
  return names;
}

/**
 * Imports a library zip (as exported) into a server: every article and claims file is checked
 * first, against the zip's own articles or the shared corpus, and then all is stored in one
 * transaction, or nothing is. Articles and claims with ids the server has already are replaced.
 */
export async function importLibrary(
  deps: LibraryDeps,
  guildId: string,
  actor: Actor,
  zip: Uint8Array,
): Promise<BundleImportOutcome> {
  if (zip.byteLength > LIBRARY_LIMITS.bundleBytes)
    return { kind: "too-large", limit: LIBRARY_LIMITS.bundleBytes };
  const unpacked = await unpackBundle(zip, {
    maxFiles: LIBRARY_LIMITS.bundleFiles,
    maxFileBytes: LIBRARY_LIMITS.fileBytes,
    maxTotalBytes: LIBRARY_LIMITS.bundleUnpackedBytes,
  });
  if (!unpacked.ok) return { kind: "bad-zip", problems: unpacked.problems };
  const problems: string[] = [];
  const now = deps.clock();
  const rows = new Map<string, { slug: string; source: string; rows: LibraryArticleRows }>();
  for (const file of unpacked.files.filter((f) => f.path.startsWith("articles/"))) {
    const slug = basename(file.path, ".md");
    if (slug.length > MAX_SLUG) {
      problems.push(`${file.path}:1: the file name is longer than ${MAX_SLUG} characters`);
      continue;
    }
    if (deps.corpus.resolve(slug, null) !== undefined) {
      problems.push(`${file.path}:1: ${sharedIdProblem(slug)}`);
      continue;
    }
    const analysed = analyseLibraryArticle(guildId, slug, file.text, new Date(now));
    for (const p of analysed.problems) problems.push(`${file.path}:${p.line}: ${p.message}`);
    if (analysed.rows) rows.set(slug, { slug, source: file.text, rows: analysed.rows });
  }
  const claims: { articleId: string; claim: Record<string, unknown>; slug: string }[] = [];
  const found: CorpusProblem[] = [];
  for (const file of unpacked.files.filter((f) => f.path.startsWith("claims/"))) {
    const name = basename(file.path, ".yaml");
    const own = rows.get(name)?.rows.article;
    const shared = own ? undefined : deps.corpus.article(name, guildId)?.article;
    const article = own ?? shared;
    const id = own ? libraryId(guildId, name) : shared?.id;
    if (!article || !id) {
      problems.push(`${file.path}:1: no article "${name}" in the zip or the shared corpus`);
      continue;
    }
    const parsed = parseClaimFile(
      file.path,
      id,
      file.text,
      { body: article.body, date: article.date ?? undefined },
      "library",
    );
    found.push(...parsed.problems, ...duplicateIdProblems(parsed.claims));
    for (const c of parsed.claims)
      claims.push({ articleId: id, claim: claimAsYaml(c, c.id), slug: c.id });
  }
  problems.push(...found.map((p) => `${p.file}:${p.line}: ${p.message}`));
  if (rows.size === 0 && claims.length === 0)
    problems.push("the zip holds no articles and no claims");
  if (problems.length > 0) return { kind: "invalid", problems };
  return storeOrRefuse(deps.writes, (tx): BundleImportOutcome => {
    const existing = new Set(ownArticles(tx, guildId).map((a) => a.slug));
    const newArticles = [...rows.keys()].filter((s) => !existing.has(s)).length;
    if (existing.size + newArticles > LIBRARY_LIMITS.articles)
      return { kind: "too-many-articles", limit: LIBRARY_LIMITS.articles };
    if (claimsOf(tx, guildId).length + claims.length > LIBRARY_LIMITS.claims)
      return { kind: "too-many-claims", limit: LIBRARY_LIMITS.claims };
    for (const { slug, source, rows: indexed } of rows.values()) {
      const who = { addedBy: actor.id, addedByName: actor.name, addedAt: now };
      tx.insert(libraryArticles)
        .values({ guildId, slug, source, ...who })
        .onConflictDoUpdate({
          target: [libraryArticles.guildId, libraryArticles.slug],
          set: { source, ...who },
        })
        .run();
      putIndexedArticle(tx, indexed);
    }
    for (const c of claims) putApprovedClaim(tx, guildId, actor, now, c);
    reindexLibraryClaims(tx, guildId);
    bumpLibraryVersion(tx, now);
    recordEvent(
      tx,
      guildId,
      actor,
      "import",
      `${rows.size} articles, ${claims.length} claims`,
      now,
    );
    return { kind: "imported", articles: rows.size, claims: claims.length };
  });
}

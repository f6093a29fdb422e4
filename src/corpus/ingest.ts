import { createHash } from "node:crypto";
import { eq, inArray, isNull } from "drizzle-orm";
import { insertMany } from "../db/bulk.ts";
import type { Db } from "../db/client.ts";
import {
  articles,
  claims,
  indexedHidden,
  indexedLibraries,
  indexMeta,
  passages,
  topics,
} from "../db/schema.ts";
import type { WriteQueue } from "../db/write-queue.ts";
import { analyseLibraryArticle, type LibraryArticleRows } from "../library/article-rows.ts";
import { placeLibraryClaims, putLibrarySnapshot } from "../library/index-library.ts";
import type { LibraryStore } from "../library/stores.ts";
import { StemIndexer } from "../search/analyzer.ts";
import { clearIndex, indexArticles, rebuildIndex, unindexArticles } from "./fts.ts";
import { analysedArticle, claimRow } from "./index-rows.ts";
import { startLexiconReduction } from "./lexicon-reduction.ts";
import { corpusStems, type LexiconFiles, lexiconFingerprint, storeLexicons } from "./lexicons.ts";
import type { LoadedCorpus } from "./load.ts";
import { CorpusInvalidError } from "./problems.ts";
import { segmentBody } from "./segment.ts";

/** Bump when segmentation or analysis changes, so every article is indexed anew. */
const INDEX_VERSION = "2";
const FINGERPRINT_KEY = "corpus_fingerprint";
const INSERT_CHUNK = 400;

export interface IngestProgress {
  readonly done: number;
  readonly total: number;
}

export interface IngestOptions {
  readonly onProgress?: (p: IngestProgress) => void;
  /** The lexicons to bridge synonyms and English words through (none: no bridges). */
  readonly lexicons?: LexiconFiles | undefined;
  /** Index everything anew, whatever is stored (a damaged index, `cli ingest --rebuild`). */
  readonly rebuild?: boolean;
  /**
   * The servers' libraries: their claims are placed anew in the changed corpus, and a rebuilt
   * index gets their articles back. Without it the index's library rows are left as they are.
   */
  readonly library?: Pick<LibraryStore, "snapshot">;
}

export interface IngestReport {
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
  readonly unchanged: number;
  readonly passagesWritten: number;
  /** Claims indexed (all of them are, whenever anything changed). */
  readonly claims: number;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function articleHash(source: string): string {
  return sha256(`${INDEX_VERSION}\u0000${source}`);
}

/**
 * One hash for the whole corpus, articles, claims and the lexicon files bridged through:
 * unchanged fingerprint, nothing to do.
 */
export function corpusFingerprint(
  hashes: ReadonlyMap<string, string>,
  claimSources: ReadonlyMap<string, string>,
  lexicons: LexiconFiles | undefined,
): string {
  const sorted = (entries: Iterable<[string, string]>) =>
    [...entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, h]) => `${id} ${h}`);
  const claimHashes = [...claimSources].map(([id, text]): [string, string] => [id, sha256(text)]);
  const lexicon = lexicons ? lexiconFingerprint(lexicons) : "none";
  return sha256(
    `${INDEX_VERSION}\n${sorted(hashes).join("\n")}\nclaims\n${sorted(claimHashes).join("\n")}\nlexicons ${lexicon}`,
  );
}

/** The fingerprint of the corpus the index was last built from. */
export function storedFingerprint(db: Db): string | undefined {
  return db.select().from(indexMeta).where(eq(indexMeta.key, FINGERPRINT_KEY)).get()?.value;
}

/** An unchanged corpus: nothing written. */
export function unchangedReport(articles: number): IngestReport {
  return { added: 0, updated: 0, removed: 0, unchanged: articles, passagesWritten: 0, claims: 0 };
}

/** The shared articles' hashes (a server's own articles are not in the corpus folder). */
const storedHashes = (db: Db) =>
  new Map(
    db
      .select({ id: articles.id, hash: articles.contentHash })
      .from(articles)
      .where(isNull(articles.guildId))
      .all()
      .map((r) => [r.id, r.hash]),
  );

/** Empties the search index: its full-text indexes and the rows they are built from. */
function clearIndexTables(tx: Db): void {
  clearIndex(tx, "passages_fts");
  clearIndex(tx, "claims_fts");
  storeLexicons(tx, undefined);
  tx.delete(claims).run();
  tx.delete(passages).run();
  tx.delete(articles).run();
  tx.delete(indexMeta).run();
  tx.delete(topics).run();
  tx.delete(indexedHidden).run();
  tx.delete(indexedLibraries).run();
}

/** An ingest may hold the write lock this long behind another process's writes. */
const INGEST_WAIT_MS = 120_000;

/**
 * Brings the index up to date with the corpus in one transaction: an invalid corpus changes
 * nothing (the old index keeps serving), an unchanged one writes nothing. Articles are cut and
 * analysed before the transaction, so the write lock is held only for the inserts; readers in
 * other processes see the old index or the new one, never a mix.
 */
export async function ingestCorpus(
  db: Db,
  writes: WriteQueue,
  corpus: LoadedCorpus,
  options: IngestOptions = {},
): Promise<IngestReport> {
  const { onProgress, rebuild = false } = options;
  if (corpus.problems.length > 0) throw new CorpusInvalidError(corpus.problems);
  const hashes = new Map(
    corpus.articles.map((a) => [a.id, articleHash(corpus.sources.get(a.id) ?? "")]),
  );
  const fingerprint = corpusFingerprint(hashes, corpus.claimSources, options.lexicons);
  if (!rebuild && storedFingerprint(db) === fingerprint) return unchangedReport(hashes.size);

  const now = new Date();
  const lexiconWork = options.lexicons ? startLexiconReduction(options.lexicons) : undefined;
  const before = rebuild ? new Map<string, string>() : storedHashes(db);
  const indexer = new StemIndexer();
  const analyse = (a: (typeof corpus.articles)[number]) =>
    analysedArticle(a, hashes.get(a.id) ?? "", now, indexer);
  let analysed: Map<string, ReturnType<typeof analyse>>;
  let stems: ReturnType<typeof corpusStems>;
  try {
    analysed = new Map(
      corpus.articles
        .filter((a) => before.get(a.id) !== hashes.get(a.id))
        .map((a) => [a.id, analyse(a)]),
    );
    stems = corpusStems(db, indexer.stems, !rebuild);
  } catch (error) {
    // The worker would wait for stems that never come.
    lexiconWork?.stop();
    throw error;
  }
  const articleById = new Map(corpus.articles.map((a) => [a.id, a]));
  const spansByArticle = new Map(corpus.articles.map((a) => [a.id, segmentBody(a.body)]));
  const lexicons = await lexiconWork?.reduce(stems);
  // A rebuild empties the index: the servers' own articles are put back from their library.
  const library = await options.library?.snapshot();
  const libraryRows: LibraryArticleRows[] =
    rebuild && library
      ? library.articles.flatMap(
          (a) => analyseLibraryArticle(a.guildId, a.slug, a.source, now).rows ?? [],
        )
      : [];
  const claimRows = corpus.claims.map((c) =>
    claimRow(c, spansByArticle.get(c.articleId) ?? [], articleById.get(c.articleId)?.body ?? ""),
  );

  return writes.run(
    (tx): IngestReport => {
      if (rebuild) clearIndexTables(tx);
      else if (storedFingerprint(tx) === fingerprint) return unchangedReport(hashes.size);
      // Another process may have indexed meanwhile: compare with what is stored now.
      const existing = storedHashes(tx);
      const changed = corpus.articles.filter((a) => existing.get(a.id) !== hashes.get(a.id));
      const removed = [...existing.keys()].filter((id) => !hashes.has(id));
      const rows = changed.map((a) => analysed.get(a.id) ?? analyse(a));
      const total = rows.reduce((n, r) => n + r.passages.length, 0);
      let done = 0;
      // Most of the index is new (a first ingest, a rebuild): load the rows, then index them once.
      const bulk = changed.length > hashes.size - changed.length;
      // Claims are few: they are rebuilt whole, after the passages they point at.
      clearIndex(tx, "claims_fts");
      tx.delete(claims)
        .where(library ? undefined : isNull(claims.guildId))
        .run();
      const stale = [...removed, ...changed.map((a) => a.id).filter((id) => existing.has(id))];
      if (bulk) clearIndex(tx, "passages_fts");
      else unindexArticles(tx, stale);
      for (let i = 0; i < stale.length; i += INSERT_CHUNK) {
        tx.delete(articles)
          .where(inArray(articles.id, stale.slice(i, i + INSERT_CHUNK)))
          .run();
      }
      insertMany(
        tx,
        articles,
        rows.map((r) => r.article),
      );
      for (const row of rows) {
        insertMany(tx, passages, row.passages);
        done += row.passages.length;
        onProgress?.({ done, total });
      }
      if (bulk) rebuildIndex(tx, "passages_fts");
      else
        indexArticles(
          tx,
          changed.map((a) => a.id),
        );
      insertMany(tx, claims, claimRows);
      // The servers' claims may quote shared articles that just changed: they are placed anew.
      if (rebuild && library)
        putLibrarySnapshot(tx, undefined, library, libraryRows, now.getTime());
      else if (library) placeLibraryClaims(tx, undefined, library.approved);
      else rebuildIndex(tx, "claims_fts");
      storeLexicons(tx, lexicons);
      tx.delete(topics).run();
      const labels = [...corpus.topics].map(([slug, l]) => ({
        slug,
        labelDe: l.de,
        labelEn: l.en,
      }));
      if (labels.length > 0) tx.insert(topics).values(labels).run();
      tx.insert(indexMeta)
        .values({ key: FINGERPRINT_KEY, value: fingerprint })
        .onConflictDoUpdate({ target: indexMeta.key, set: { value: fingerprint } })
        .run();
      const updated = changed.filter((a) => existing.has(a.id)).length;
      return {
        added: changed.length - updated,
        updated,
        removed: removed.length,
        unchanged: hashes.size - changed.length,
        passagesWritten: done,
        claims: corpus.claims.length,
      };
    },
    { maxWaitMs: INGEST_WAIT_MS },
  );
}

import { createHash } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { articles, claims, indexMeta, passages } from "../db/schema.ts";
import type { WriteQueue } from "../db/write-queue.ts";
import { analyze, indexStems } from "../search/analyzer.ts";
import { englishStems } from "../search/english.ts";
import type { ParsedArticle } from "./article.ts";
import type { ParsedClaim } from "./claims.ts";
import { clearIndex, indexArticles, rebuildIndex, unindexArticles } from "./fts.ts";
import type { LoadedCorpus } from "./load.ts";
import { CorpusInvalidError } from "./problems.ts";
import { type PassageSpan, segmentBody } from "./segment.ts";

/** Bump when segmentation or analysis changes, so every article is indexed anew. */
const INDEX_VERSION = "1";
const FINGERPRINT_KEY = "corpus_fingerprint";
const INSERT_CHUNK = 400;

export interface IngestProgress {
  readonly done: number;
  readonly total: number;
}

export interface IngestOptions {
  readonly onProgress?: (p: IngestProgress) => void;
  /** Index everything anew, whatever is stored (a damaged index, `cli ingest --rebuild`). */
  readonly rebuild?: boolean;
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

/** One hash for the whole corpus, articles and claims: unchanged fingerprint, nothing to do. */
export function corpusFingerprint(
  hashes: ReadonlyMap<string, string>,
  claimSources: ReadonlyMap<string, string>,
): string {
  const sorted = (entries: Iterable<[string, string]>) =>
    [...entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, h]) => `${id} ${h}`);
  const claimHashes = [...claimSources].map(([id, text]): [string, string] => [id, sha256(text)]);
  return sha256(
    `${INDEX_VERSION}\n${sorted(hashes).join("\n")}\nclaims\n${sorted(claimHashes).join("\n")}`,
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

/** The passage of the claim's article that holds most of its quote. */
function claimPassageSeq(spans: readonly PassageSpan[], claim: ParsedClaim): number {
  let best = spans[0]?.seq ?? 1;
  let bestOverlap = -1;
  for (const span of spans) {
    if (span.isHeading) continue;
    const overlap = Math.min(span.end, claim.quoteEnd) - Math.max(span.start, claim.quoteStart);
    if (overlap > bestOverlap) {
      best = span.seq;
      bestOverlap = overlap;
    }
  }
  return best;
}

function claimRow(claim: ParsedClaim, spans: readonly PassageSpan[]) {
  const germanText = [
    claim.question.de,
    claim.statement.de,
    ...claim.answer,
    ...claim.accept,
    ...claim.tags,
  ];
  const englishText = [claim.question.en, claim.statement.en, ...claim.answer, ...claim.accept];
  return {
    id: claim.id,
    articleId: claim.articleId,
    passageId: `${claim.articleId}#${claimPassageSeq(spans, claim)}`,
    type: claim.type,
    quote: claim.quote,
    quoteStart: claim.quoteStart,
    quoteEnd: claim.quoteEnd,
    questionDe: claim.question.de,
    questionEn: claim.question.en,
    statementDe: claim.statement.de,
    statementEn: claim.statement.en,
    answers: claim.answer,
    accept: claim.accept,
    distractors: claim.distractors,
    tags: claim.tags,
    stemsDe: analyze(germanText.join(" \n "))
      .map((t) => t.stem)
      .join(" "),
    stemsEn: englishStems(englishText.join(" \n ")).join(" "),
  };
}

function passageRow(article: ParsedArticle, span: PassageSpan) {
  const text = article.body.slice(span.start, span.end);
  return {
    id: `${article.id}#${span.seq}`,
    articleId: article.id,
    seq: span.seq,
    paragraph: span.paragraph,
    isHeading: span.isHeading,
    start: span.start,
    end: span.end,
    text,
    // Headings stay citable by paragraph but are not search hits of their own.
    stems: span.isHeading ? "" : indexStems(text),
  };
}

function articleRow(article: ParsedArticle, hash: string, now: Date) {
  return {
    id: article.id,
    path: article.file,
    title: article.meta.title ?? null,
    publication: article.meta.publication ?? null,
    author: article.meta.author ?? null,
    date: article.meta.date ?? null,
    language: article.meta.language,
    url: article.meta.url ?? null,
    body: article.body,
    contentHash: hash,
    indexedAt: now,
  };
}

/** An article's rows, analysed: the slow part of an ingest, done before the write lock is taken. */
function analysedArticle(article: ParsedArticle, hash: string, now: Date) {
  return {
    article: articleRow(article, hash, now),
    passages: segmentBody(article.body).map((span) => passageRow(article, span)),
  };
}

const storedHashes = (db: Db) =>
  new Map(
    db
      .select({ id: articles.id, hash: articles.contentHash })
      .from(articles)
      .all()
      .map((r) => [r.id, r.hash]),
  );

/** Empties the search index: its full-text indexes and the rows they are built from. */
function clearIndexTables(tx: Db): void {
  clearIndex(tx, "passages_fts");
  clearIndex(tx, "claims_fts");
  tx.delete(claims).run();
  tx.delete(passages).run();
  tx.delete(articles).run();
  tx.delete(indexMeta).run();
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
  const fingerprint = corpusFingerprint(hashes, corpus.claimSources);
  if (!rebuild && storedFingerprint(db) === fingerprint) return unchangedReport(hashes.size);

  const now = new Date();
  const before = rebuild ? new Map<string, string>() : storedHashes(db);
  const analysed = new Map(
    corpus.articles
      .filter((a) => before.get(a.id) !== hashes.get(a.id))
      .map((a) => [a.id, analysedArticle(a, hashes.get(a.id) ?? "", now)]),
  );
  const spansByArticle = new Map(corpus.articles.map((a) => [a.id, segmentBody(a.body)]));
  const claimRows = corpus.claims.map((c) => claimRow(c, spansByArticle.get(c.articleId) ?? []));

  return writes.run(
    (tx): IngestReport => {
      if (rebuild) clearIndexTables(tx);
      else if (storedFingerprint(tx) === fingerprint) return unchangedReport(hashes.size);
      // Another process may have indexed meanwhile: compare with what is stored now.
      const existing = storedHashes(tx);
      const changed = corpus.articles.filter((a) => existing.get(a.id) !== hashes.get(a.id));
      const removed = [...existing.keys()].filter((id) => !hashes.has(id));
      const rows = changed.map(
        (a) => analysed.get(a.id) ?? analysedArticle(a, hashes.get(a.id) ?? "", now),
      );
      const total = rows.reduce((n, r) => n + r.passages.length, 0);
      let done = 0;
      // Most of the index is new (a first ingest, a rebuild): load the rows, then index them once.
      const bulk = changed.length > hashes.size - changed.length;
      // Claims are few: they are rebuilt whole, after the passages they point at.
      clearIndex(tx, "claims_fts");
      tx.delete(claims).run();
      const stale = [...removed, ...changed.map((a) => a.id).filter((id) => existing.has(id))];
      if (bulk) clearIndex(tx, "passages_fts");
      else unindexArticles(tx, stale);
      for (let i = 0; i < stale.length; i += INSERT_CHUNK) {
        tx.delete(articles)
          .where(inArray(articles.id, stale.slice(i, i + INSERT_CHUNK)))
          .run();
      }
      for (const row of rows) {
        tx.insert(articles).values(row.article).run();
        for (let i = 0; i < row.passages.length; i += INSERT_CHUNK) {
          const chunk = row.passages.slice(i, i + INSERT_CHUNK);
          tx.insert(passages).values(chunk).run();
          done += chunk.length;
          onProgress?.({ done, total });
        }
      }
      if (bulk) rebuildIndex(tx, "passages_fts");
      else
        indexArticles(
          tx,
          changed.map((a) => a.id),
        );
      for (let i = 0; i < claimRows.length; i += INSERT_CHUNK) {
        tx.insert(claims)
          .values(claimRows.slice(i, i + INSERT_CHUNK))
          .run();
      }
      rebuildIndex(tx, "claims_fts");
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

import type { Statement } from "better-sqlite3";
import type { Db } from "../db/client.ts";
import { fuseRankings, type RankedList } from "./fusion.ts";
import { type Highlight, highlight } from "./highlight.ts";
import { buildMatchExpression, expandQuery, type QueryConcept, stemMatch } from "./query.ts";
import { Vocabulary } from "./vocabulary.ts";

export interface SearchOptions {
  /** How many passages to return (1–25). */
  readonly limit?: number;
  /** Only passages of this article. */
  readonly article?: string;
}

export interface SearchResult {
  readonly passageId: string;
  readonly articleId: string;
  readonly title: string | null;
  readonly publication: string | null;
  readonly date: string | null;
  readonly paragraph: number;
  /** Offsets of the passage in the article body. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly score: number;
  /** Matched words, as offsets into `text`. */
  readonly highlights: readonly Highlight[];
}

/** A source of candidate passages beyond the full-text index (the annotated claims, say). */
export interface CandidateSource {
  readonly name: string;
  readonly weight: number;
  rank(query: string, stems: readonly string[], options: SearchOptions): number[];
}

export interface SearchIndex {
  search(query: string, options?: SearchOptions): SearchResult[];
}

/** Weights of the fused signals; tuned on test/retrieval/gold.yaml. */
export const RANKING = {
  /** bm25() column weights: exact/compound-start stems, compound heads. */
  stemsWeight: 1.0,
  reversedWeight: 0.6,
  candidates: 60,
  bm25Weight: 1.0,
  coverageWeight: 1.0,
  /** Credit of a compound match ("Einführung" in "Amtseinführung") against an exact one. */
  compoundCredit: 0.7,
} as const;

export const MAX_RESULTS = 25;

interface CandidateRow {
  docid: number;
  stems: string;
}

interface PassageRow {
  docid: number;
  id: string;
  articleId: string;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  title: string | null;
  publication: string | null;
  date: string | null;
}

/**
 * Ranked, highlighted passages for a query. Candidates come from FTS5 (BM25 over stems and
 * reversed stems); a coverage signal (IDF-weighted share of query terms a passage contains)
 * re-ranks them; extra sources are fused in by reciprocal rank.
 */
export function createSearchIndex(
  db: Db,
  extraSources: readonly CandidateSource[] = [],
): SearchIndex {
  const sqlite = db.$client;
  const bm25 = `bm25(passages_fts, ${RANKING.stemsWeight}, ${RANKING.reversedWeight})`;
  const candidatesAll = sqlite.prepare(
    `SELECT f.rowid AS docid, p.stems AS stems FROM passages_fts f JOIN passages p ON p.docid = f.rowid
     WHERE passages_fts MATCH ? ORDER BY ${bm25} LIMIT ?`,
  ) as Statement<[string, number], CandidateRow>;
  const candidatesInArticle = sqlite.prepare(
    `SELECT f.rowid AS docid, p.stems AS stems FROM passages_fts f JOIN passages p ON p.docid = f.rowid
     WHERE passages_fts MATCH ? AND p.article_id = ? ORDER BY ${bm25} LIMIT ?`,
  ) as Statement<[string, string, number], CandidateRow>;
  const fingerprint = sqlite.prepare(
    "SELECT value FROM index_meta WHERE key = 'corpus_fingerprint'",
  ) as Statement<[], { value: string }>;
  const passageByDocid = sqlite.prepare(
    `SELECT p.docid, p.id, p.article_id AS articleId, p.paragraph, p.start, p."end", p.text,
            a.title, a.publication, a.date
     FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.docid = ?`,
  ) as Statement<[number], PassageRow>;

  let vocabulary: { fingerprint: string | undefined; value: Vocabulary } | undefined;
  /** The in-memory vocabulary, reloaded when another ingest has changed the index. */
  const currentVocabulary = (): Vocabulary => {
    const current = fingerprint.get()?.value;
    if (!vocabulary || vocabulary.fingerprint !== current) {
      vocabulary = { fingerprint: current, value: Vocabulary.load(sqlite) };
    }
    return vocabulary.value;
  };

  const coverageRanking = (
    rows: readonly CandidateRow[],
    concepts: readonly QueryConcept[],
    vocab: Vocabulary,
  ): number[] => {
    const counted = concepts.filter((c) => c.counts);
    const weights = counted.map((c) => {
      const df = Math.max(...c.forms.map((f) => vocab.documentFrequency(f.stem)));
      return Math.log(1 + vocab.passageCount / Math.max(1, df));
    });
    const scored = rows.map((row, bm25Rank) => {
      const passageStems = row.stems.split(" ");
      let covered = 0;
      counted.forEach((concept, i) => {
        let credit = 0;
        for (const form of concept.forms) {
          for (const s of passageStems) {
            const m = stemMatch(form.stem, s);
            const c =
              m === "exact"
                ? form.credit
                : m === "compound"
                  ? form.credit * RANKING.compoundCredit
                  : 0;
            if (c > credit) credit = c;
          }
        }
        covered += credit * (weights[i] ?? 0);
      });
      return { docid: row.docid, covered, bm25Rank };
    });
    scored.sort((a, b) => b.covered - a.covered || a.bm25Rank - b.bm25Rank);
    return scored.map((s) => s.docid);
  };

  return {
    search(query, options = {}) {
      const limit = Math.max(1, Math.min(MAX_RESULTS, Math.trunc(options.limit ?? 3)));
      const vocab = currentVocabulary();
      const concepts = expandQuery(query, vocab);
      const stems = concepts.flatMap((c) => c.forms.map((f) => f.stem));
      const match = buildMatchExpression(stems);
      const lists: RankedList[] = [];
      if (match) {
        const rows = options.article
          ? candidatesInArticle.all(match, options.article, RANKING.candidates)
          : candidatesAll.all(match, RANKING.candidates);
        lists.push({
          source: "bm25",
          weight: RANKING.bm25Weight,
          docids: rows.map((r) => r.docid),
        });
        lists.push({
          source: "coverage",
          weight: RANKING.coverageWeight,
          docids: coverageRanking(rows, concepts, vocab),
        });
      }
      for (const source of extraSources) {
        lists.push({
          source: source.name,
          weight: source.weight,
          docids: source.rank(query, stems, options),
        });
      }
      const fused = [...fuseRankings(lists)].sort((a, b) => b[1] - a[1]).slice(0, limit);
      const results: SearchResult[] = [];
      for (const [docid, score] of fused) {
        const row = passageByDocid.get(docid);
        if (!row) continue;
        results.push({
          passageId: row.id,
          articleId: row.articleId,
          title: row.title,
          publication: row.publication,
          date: row.date,
          paragraph: row.paragraph,
          start: row.start,
          end: row.end,
          text: row.text,
          score,
          highlights: highlight(row.text, stems),
        });
      }
      return results;
    },
  };
}

import type { Statement } from "better-sqlite3";
import type { Db } from "../db/client.ts";
import { analyze } from "./analyzer.ts";
import { createClaimSource } from "./claim-source.ts";
import { type Bridges, expandQuery, looksEnglish } from "./expand.ts";
import { fuseRankings, type RankedList } from "./fusion.ts";
import { highlight } from "./highlight.ts";
import { storedBridges } from "./lexicon.ts";
import { QueryMatcher } from "./matcher.ts";
import { phraseExpression, quotedPhrases } from "./phrases.ts";
import {
  buildMatchExpression,
  compoundStems,
  MAX_QUERY_CHARS,
  type QueryConcept,
  searchForms,
  searchStems,
} from "./query.ts";
import { ANY_SCOPED_SQL, type GuildScope, UNSEEN_PASSAGES_SQL } from "./scope.ts";
import { LibraryStems, scopedBridges, scopedVocabulary } from "./scoped-vocabulary.ts";
import type { CandidateSource, SearchIndex, SearchOptions, SearchResult } from "./types.ts";
import { understoodIn } from "./understood.ts";
import { type Evidence, firstVerdict, judge, queryEvidence } from "./verdict.ts";
import { idfOf, mentions, type VocabularyView } from "./vocabulary.ts";
import { VocabularyCache } from "./vocabulary-cache.ts";
import { WordLists } from "./word-lists.ts";

/** Weights of the fused signals; tuned on the sets in test/retrieval/. */
const RANKING = {
  candidates: 60,
  bm25Weight: 0.5,
  /** A word in at least this share of the passages (and at least commonMinimum) is common. */
  commonShare: 0.02,
  commonMinimum: 200,
  /**
   * A word in at least this share of the passages (and at least everywhereMinimum) is nearly
   * everywhere: it does not pick candidates, only ranks them (see `candidateTerms`).
   */
  everywhereShare: 0.05,
  everywhereMinimum: 1000,
  /** The rarest words that always pick candidates, however common. */
  alwaysKept: 2,
  coverageWeight: 1.0,
  /** Weight of the annotated claims' ranking (see claim-source.ts). */
  claimsWeight: 3.0,
  /** How much more coverage counts when the query's words stand side by side. */
  proximityBoost: 0.6,
} as const;

export const MAX_RESULTS = 25;

/** What a result says when the verdict was skipped (the bench's comparison run only). */
const UNCHECKED: Evidence = {
  verdict: "partial",
  missing: [],
  differences: [],
  coverage: 1,
  mass: 0,
  hasWords: false,
};

interface StemRow {
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
 * The terms that pick candidates from FTS5. On a large index, a word in nearly every passage
 * ("Trump" in a corpus about him) costs the query its whole posting list and adds next to
 * nothing to BM25, so it is left to the coverage ranking, unless it is among the query's rarest
 * words. Small indexes keep every word.
 */
function candidateTerms(terms: readonly string[], vocab: VocabularyView): string[] {
  const everywhereFrom = Math.max(
    RANKING.everywhereMinimum,
    vocab.passageCount * RANKING.everywhereShare,
  );
  const rarest = new Set(
    [...new Set(terms)]
      .sort((a, b) => vocab.documentFrequency(a) - vocab.documentFrequency(b))
      .slice(0, RANKING.alwaysKept),
  );
  return terms.filter((t) => rarest.has(t) || vocab.documentFrequency(t) < everywhereFrom);
}

/**
 * Ranked, highlighted passages for a query. FTS5 gives candidates by BM25 over the stems (only
 * passages holding every quoted phrase, when any does), extra sources add theirs, a coverage
 * signal (IDF-weighted share of the query's words a passage holds, raised when they stand close
 * together) re-ranks them all, and the lists are fused by weighted reciprocal rank.
 */
export function createSearchIndex(
  db: Db,
  extraSources: readonly CandidateSource[] = [],
  vocabularies = new VocabularyCache(db.$client),
  bridges: Bridges = storedBridges(db.$client),
  wordLists: WordLists = new WordLists(),
): SearchIndex {
  const sqlite = db.$client;
  const bm25 = "bm25(passages_fts)";
  // The best rows come from FTS5 alone; only those few are joined to their stems. Joining first
  // would read the stems of every matching passage before the sort.
  const candidatesAll = sqlite.prepare(
    `SELECT c.docid AS docid, p.stems AS stems FROM (
       SELECT rowid AS docid, ${bm25} AS score FROM passages_fts WHERE passages_fts MATCH ? ORDER BY score LIMIT ?
     ) c JOIN passages p ON p.docid = c.docid ORDER BY c.score`,
  ) as Statement<[string, number], StemRow>;
  const candidatesInArticle = sqlite.prepare(
    `SELECT c.docid AS docid, p.stems AS stems FROM (
       SELECT rowid AS docid, ${bm25} AS score FROM passages_fts
       WHERE passages_fts MATCH ? AND rowid IN (SELECT docid FROM passages WHERE article_id = ?)
       ORDER BY score LIMIT ?
     ) c JOIN passages p ON p.docid = c.docid ORDER BY c.score`,
  ) as Statement<[string, string, number], StemRow>;
  const candidatesInScope = sqlite.prepare(
    `SELECT c.docid AS docid, p.stems AS stems FROM (
       SELECT rowid AS docid, ${bm25} AS score FROM passages_fts
       WHERE passages_fts MATCH ? AND rowid NOT IN (${UNSEEN_PASSAGES_SQL})
       ORDER BY score LIMIT ?
     ) c JOIN passages p ON p.docid = c.docid ORDER BY c.score`,
  ) as Statement<[string, GuildScope, GuildScope, number], StemRow>;
  const libraryStems = new LibraryStems(sqlite);
  const anyScoped = sqlite.prepare(ANY_SCOPED_SQL).pluck() as Statement<[GuildScope], number>;
  const stemsByDocid = sqlite.prepare(
    "SELECT docid, stems FROM passages WHERE docid = ?",
  ) as Statement<[number], StemRow>;
  const passageByDocid = sqlite.prepare(
    `SELECT p.docid, p.id, p.article_id AS articleId, p.paragraph, p.start, p."end", p.text,
            a.title, a.publication, a.date
     FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.docid = ?`,
  ) as Statement<[number], PassageRow>;

  // One read transaction per search: every statement sees the same snapshot, so an ingest that
  // another process commits meanwhile shows up whole in the next search, never half in this one.
  const searchInSnapshot = sqlite.transaction((query: string, options: SearchOptions) => {
    const limit = Math.max(1, Math.min(MAX_RESULTS, Math.trunc(options.limit ?? 3) || 1));
    const guild = options.guildId ?? null;
    const scoped = anyScoped.get(guild) !== 0;
    // Another server's words are neither corrections nor compounds nor bridges here.
    const shared = vocabularies.current("passages");
    const hidden = scoped ? libraryStems.hiddenFrom(guild, shared) : undefined;
    const vocab = hidden ? scopedVocabulary(shared, hidden) : shared;
    const concepts = expandQuery(
      query,
      vocab,
      hidden ? scopedBridges(bridges, hidden) : bridges,
      wordLists,
    );
    const stems = searchStems(concepts);
    // Synonyms and translations stand for the word but count less: they are listed once and
    // not expanded to compounds.
    const morphological: QueryConcept[] = concepts.map((c) => ({
      ...c,
      forms: searchForms(c).filter((f) => f.origin !== "synonym" && f.origin !== "translation"),
    }));
    const own = morphological.flatMap((c) => c.forms.map((f) => f.stem));
    const candidates = new Map<number, string>();
    const lists: RankedList[] = [];
    // FTS5 has no per-term weights, but bm25() sums over the query's phrases: listing a word's
    // own forms twice makes them count more than its compounds. Words in a large share of the
    // passages are neither repeated nor expanded: their posting lists are what a query costs,
    // and their compounds add little.
    const commonFrom = Math.max(RANKING.commonMinimum, vocab.passageCount * RANKING.commonShare);
    const rare = (stem: string) => vocab.documentFrequency(stem) < commonFrom;
    const terms = candidateTerms(
      [...stems, ...own.filter(rare), ...compoundStems(morphological, vocab, rare)],
      vocab,
    );
    const words = terms.length > 0 ? buildMatchExpression(terms) : null;
    // A quoted phrase must stand in the passage as typed, when any passage has it at all.
    const phrases = phraseExpression(quotedPhrases(query));
    // The command checked that the article is one this server sees.
    const inScope = options.article !== undefined || !scoped;
    const lookUp = (match: string) =>
      options.article
        ? candidatesInArticle.all(match, options.article, RANKING.candidates)
        : inScope
          ? candidatesAll.all(match, RANKING.candidates)
          : candidatesInScope.all(match, guild, guild, RANKING.candidates);
    const phrased = words && phrases ? lookUp(`(${words}) AND ${phrases}`) : [];
    const holding = phrased.length > 0 ? new Set(phrased.map((r) => r.docid)) : undefined;
    if (words) {
      const rows = holding ? phrased : lookUp(words);
      for (const row of rows) candidates.set(row.docid, row.stems);
      lists.push({
        source: "bm25",
        weight: RANKING.bm25Weight,
        docids: rows.map((r) => r.docid),
      });
    }
    for (const source of extraSources) {
      const ranked = source.rank(query, concepts, options);
      const keep = ranked.docids.map((d) => !holding || holding.has(d));
      const hits = {
        docids: ranked.docids.filter((_, i) => keep[i]),
        ...(ranked.strengths ? { strengths: ranked.strengths.filter((_, i) => keep[i]) } : {}),
      };
      for (const docid of hits.docids) {
        if (!candidates.has(docid)) candidates.set(docid, stemsByDocid.get(docid)?.stems ?? "");
      }
      lists.push({ source: source.name, weight: source.weight, ...hits });
    }
    // Coverage: the IDF-weighted share of the query's words a passage holds, a little more
    // when it holds them close together.
    const matcher = new QueryMatcher(
      concepts,
      (s) => vocab.idf(s),
      (s) => vocab.affixedBy(s),
      (rest) => vocab.documentFrequency(rest) > 0 || wordLists.isWord(rest),
    );
    const coverage = [...candidates]
      .map(([docid, passageStems]) => {
        const { coverage: share, proximity } = matcher.score(passageStems.split(" "));
        return { docid, value: share * (1 + RANKING.proximityBoost * proximity) };
      })
      .filter((c) => c.value > 0)
      .sort((a, b) => b.value - a.value);
    lists.push({
      source: "coverage",
      weight: RANKING.coverageWeight,
      docids: coverage.map((c) => c.docid),
    });

    const fused = [...fuseRankings(lists)]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit);
    const asked = options.skipVerdicts
      ? undefined
      : queryEvidence(
          query.slice(0, MAX_QUERY_CHARS),
          looksEnglish(query),
          matcher,
          wordLists,
          idfOf(vocab.passageCount, 1),
          bridges.commonness,
          (stem) => mentions(vocab, stem),
        );
    const results: SearchResult[] = [];
    let answer: Evidence | undefined;
    for (const [docid, score] of fused) {
      const row = passageByDocid.get(docid);
      if (!row) continue;
      const terms = analyze(row.text);
      const judged = asked ? judge(asked, matcher, terms, row.text) : UNCHECKED;
      // The first passage decides whether there is a source at all; without one, every passage
      // listed is only the nearest there is.
      answer ??= asked ? firstVerdict(asked, judged) : judged;
      const evidence = answer.verdict === "none" ? { ...judged, verdict: "none" as const } : judged;
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
        highlights: highlight(row.text, terms, matcher),
        understood: evidence.verdict === "none" ? [] : understoodIn(row.text, terms, matcher),
        verdict: evidence.verdict,
        missing: evidence.missing,
        differences: evidence.differences,
      });
    }
    return results;
  });
  return {
    search: (query, options = {}) => searchInSnapshot(query, options),
    ready: () => vocabularies.ready(),
  };
}

/** The search the bot and the CLI use: passages, with the annotated claims fused in. */
export function createCorpusSearch(db: Db, words: WordLists = new WordLists()): SearchIndex {
  const vocabularies = new VocabularyCache(db.$client);
  return createSearchIndex(
    db,
    [createClaimSource(db, vocabularies, RANKING.claimsWeight)],
    vocabularies,
    storedBridges(db.$client),
    words,
  );
}

import type { Statement } from "better-sqlite3";
import type { Db } from "../db/client.ts";
import { stemCoverage } from "./coverage.ts";
import { englishStems } from "./english.ts";
import { QueryMatcher } from "./matcher.ts";
import { MAX_QUERY_CHARS, MAX_QUERY_TERMS, searchStems } from "./query.ts";
import { type GuildScope, SEEN_CLAIMS_SQL } from "./scope.ts";
import type { CandidateSource, SourceHits } from "./types.ts";
import { MIN_AFFIX_LENGTH } from "./vocabulary.ts";
import type { VocabularyCache } from "./vocabulary-cache.ts";

/** How many claims FTS5 hands over for scoring. */
const CLAIM_CANDIDATES = 30;
/**
 * A claim covering less of the query than this is not evidence for its passage. German queries
 * are served well by the passages themselves, so the bar is higher there; English queries have
 * only the claims. Tuned on test/retrieval/{gold,holdout,english}.yaml.
 */
const CLAIM_SETTINGS = { minGermanCoverage: 0.5, minEnglishCoverage: 0.4 };

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

/** MATCH expression for the claims: German stems (also as compound starts) and English stems. */
function claimMatchExpression(
  germanStems: readonly string[],
  englishStemList: readonly string[],
): string | null {
  const de = [...new Set(germanStems)].flatMap((s) =>
    s.length >= MIN_AFFIX_LENGTH ? [quote(s), `${quote(s)}*`] : [quote(s)],
  );
  const en = [...new Set(englishStemList)].map(quote);
  const parts: string[] = [];
  if (de.length > 0) parts.push(`{stems_de} : (${de.join(" OR ")})`);
  if (en.length > 0) parts.push(`{stems_en} : (${en.join(" OR ")})`);
  return parts.length > 0 ? parts.join(" OR ") : null;
}

interface ClaimRow {
  docid: number;
  stemsDe: string;
  stemsEn: string;
}

/**
 * The annotated claims as a ranking source: a claim whose question, statement or answers (in
 * German or in English) cover most of the query points at the passage that proves it. This is
 * how an English question finds a German passage. Strength is the claim's coverage, squared, so
 * a half-matching claim counts a quarter.
 */
export function createClaimSource(
  db: Db,
  vocabularies: VocabularyCache,
  weight: number,
): CandidateSource {
  const sqlite = db.$client;
  const select = `SELECT p.docid AS docid, c.stems_de AS stemsDe, c.stems_en AS stemsEn
    FROM claims_fts f JOIN claims c ON c.docid = f.rowid JOIN passages p ON p.id = c.passage_id
    WHERE claims_fts MATCH ?`;
  const order = "ORDER BY bm25(claims_fts) LIMIT ?";
  const inScope = sqlite.prepare(`${select} AND ${SEEN_CLAIMS_SQL} ${order}`) as Statement<
    [string, GuildScope, GuildScope, number],
    ClaimRow
  >;
  const inArticle = sqlite.prepare(
    `${select} AND c.article_id = ? AND (c.guild_id IS NULL OR c.guild_id = ?) ${order}`,
  ) as Statement<[string, string, GuildScope, number], ClaimRow>;

  return {
    name: "claims",
    weight,
    rank(query, concepts, options): SourceHits {
      const germanStems = searchStems(concepts);
      const english = [...new Set(englishStems(query.slice(0, MAX_QUERY_CHARS)))].slice(
        0,
        MAX_QUERY_TERMS,
      );
      const match = claimMatchExpression(germanStems, english);
      if (!match) return { docids: [] };
      const guild = options.guildId ?? null;
      // Claims of other servers are asked for nowhere else: in an article, only the own ones.
      const rows = options.article
        ? inArticle.all(match, options.article, guild, CLAIM_CANDIDATES)
        : inScope.all(match, guild, guild, CLAIM_CANDIDATES);
      const vocab = vocabularies.current("claims");
      const idf = (stem: string) => vocab.idf(stem);
      const matcher = new QueryMatcher(concepts, idf);
      const best = new Map<number, number>();
      for (const row of rows) {
        const german = matcher.score(row.stemsDe.split(" ")).coverage;
        const englishShare = stemCoverage(english, row.stemsEn.split(" "), idf);
        const coverage = Math.max(
          german >= CLAIM_SETTINGS.minGermanCoverage ? german : 0,
          englishShare >= CLAIM_SETTINGS.minEnglishCoverage ? englishShare : 0,
        );
        if (coverage > (best.get(row.docid) ?? 0)) best.set(row.docid, coverage);
      }
      const ranked = [...best].sort((a, b) => b[1] - a[1]);
      return { docids: ranked.map(([d]) => d), strengths: ranked.map(([, c]) => c * c) };
    },
  };
}

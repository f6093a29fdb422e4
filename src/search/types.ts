import type { Highlight } from "./highlight.ts";
import type { QueryConcept } from "./query.ts";
import type { Understood } from "./understood.ts";
import type { Difference, Verdict } from "./verdict.ts";

export interface SearchOptions {
  /** How many passages to return (1–25). */
  readonly limit?: number;
  /** Only passages of this article. */
  readonly article?: string;
  /**
   * The server asking: it sees the shared corpus less what it hides, and its own library. None
   * (a DM, the CLI): the shared corpus only.
   */
  readonly guildId?: string | null;
  /** Rank only, without verdicts: for the bench, to measure what the verdict costs. */
  readonly skipVerdicts?: boolean;
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
  /** Query words this passage was found through another word for ("Vereidgung" → "Vereidigung"). */
  readonly understood: readonly Understood[];
  /**
   * What this passage shows of the query (see verdict.ts). "none" on every result when the
   * first holds too little of the query: they are then only the nearest passages.
   */
  readonly verdict: Verdict;
  /** Content words and numbers of the query that the passage does not hold, as typed. */
  readonly missing: readonly string[];
  /** Numbers of the query that the passage gives differently. */
  readonly differences: readonly Difference[];
}

/** What an answer tells: its first result's verdict, or "none" without results. */
export function answerVerdict(results: readonly SearchResult[]): Verdict {
  return results[0]?.verdict ?? "none";
}

/** Passages one source ranks, best first, with how strongly each matched (0–1). */
export interface SourceHits {
  readonly docids: readonly number[];
  readonly strengths?: readonly number[];
}

/** A source of ranked passages beyond the full-text index (the annotated claims, say). */
export interface CandidateSource {
  readonly name: string;
  readonly weight: number;
  rank(query: string, concepts: readonly QueryConcept[], options: SearchOptions): SourceHits;
}

export interface SearchIndex {
  search(query: string, options?: SearchOptions): SearchResult[];
  /**
   * Resolves once the index's vocabulary is in memory. Searching does not wait for it: until
   * then, compounds are found by their first part only and typos are not corrected.
   */
  ready(): Promise<void>;
}

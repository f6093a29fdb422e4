import { analyze, reverseStem } from "./analyzer.ts";

/** Query words shorter than this match only whole words, never parts of compounds. */
export const MIN_AFFIX_LENGTH = 4;
/** More distinct terms than this add nothing but time; the rest of a long query is ignored. */
export const MAX_QUERY_TERMS = 24;
/** Longer input is cut before analysis: nobody types 10 kB into a search box on purpose. */
export const MAX_QUERY_CHARS = 1000;

/** The distinct stems of a query, in the order typed. */
export function queryStems(query: string): string[] {
  const stems = new Set<string>();
  for (const term of analyze(query.slice(0, MAX_QUERY_CHARS))) {
    stems.add(term.stem);
    if (stems.size >= MAX_QUERY_TERMS) break;
  }
  return [...stems];
}

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

/**
 * FTS5 MATCH expression over the stem columns, built only from quoted terms so that no user
 * text is ever read as FTS5 syntax. A stem matches exactly, as the start of a compound
 * (prefix query on `stems`) and as its head (prefix query on `stems_reversed`: "einfuhr" finds
 * "amtseinfuhr"). Exact matches hit all three and so count most. Null when nothing is left.
 */
export function buildMatchExpression(stems: readonly string[]): string | null {
  if (stems.length === 0) return null;
  const forward: string[] = [];
  const reversed: string[] = [];
  for (const stem of stems) {
    forward.push(quote(stem));
    if (stem.length >= MIN_AFFIX_LENGTH) {
      forward.push(`${quote(stem)}*`);
      reversed.push(`${quote(reverseStem(stem))}*`);
    }
  }
  const parts = [`{stems} : (${forward.join(" OR ")})`];
  if (reversed.length > 0) parts.push(`{stems_reversed} : (${reversed.join(" OR ")})`);
  return parts.join(" OR ");
}

/** How a passage stem relates to a query stem: the same word, a compound containing it, or not. */
export function stemMatch(queryStem: string, passageStem: string): "exact" | "compound" | null {
  if (passageStem === queryStem) return "exact";
  if (
    queryStem.length >= MIN_AFFIX_LENGTH &&
    (passageStem.endsWith(queryStem) || passageStem.startsWith(queryStem))
  ) {
    return "compound";
  }
  return null;
}

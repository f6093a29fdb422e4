import { analyze } from "./analyzer.ts";
import { MAX_QUERY_CHARS } from "./query.ts";

/** Text in straight, German or English quotation marks. */
const QUOTED = /"([^"]+)"|„([^“”"]+)[“”"]|“([^”"]+)”|»([^«]+)«/g;

/** The quoted parts of a query as the stems the index holds, in order ("erste Reihe" → erst reih). */
export function quotedPhrases(query: string): string[][] {
  return [...query.slice(0, MAX_QUERY_CHARS).matchAll(QUOTED)]
    .map((m) => analyze(m[1] ?? m[2] ?? m[3] ?? m[4] ?? "").filter((t) => !t.joined))
    .filter((terms) => terms.length > 0)
    .map((terms) => terms.map((t) => t.stem));
}

const quote = (term: string) => term.replaceAll('"', '""');

/** A MATCH expression that holds only passages with every phrase, word next to word. */
export function phraseExpression(phrases: readonly (readonly string[])[]): string | null {
  if (phrases.length === 0) return null;
  return phrases.map((p) => `{stems} : "${p.map(quote).join(" ")}"`).join(" AND ");
}

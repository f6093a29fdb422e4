import { stemWord, type Term } from "./analyzer.ts";
import type { QueryMatcher } from "./matcher.ts";
import type { Quantity } from "./quantities.ts";
import type { Difference, QueryEvidence } from "./verdict.ts";

/**
 * Two sums of money agree when they differ by less than this share ("2,4 Mrd." and "2.43
 * billion"). Only money is rounded so: a year, count, duration, ordinal or percentage agrees only
 * with the same value (1994 is not 1996, though they differ by 0.1 %).
 */
const SAME_AMOUNT = 0.005;

/** How far apart two amounts are, by ratio ("16.000" is nearer to "60.000" than "2"). */
const distance = (a: number, b: number) => Math.abs(Math.log((a + 1) / (b + 1)));

const agree = (a: number, b: number, kind: Quantity["kind"]) =>
  a === b ||
  (kind === "money" && Math.abs(a - b) <= SAME_AMOUNT * Math.max(Math.abs(a), Math.abs(b)));

/** How far (in characters) a name may stand before a number and still lead into it. */
const LEAD_CHARS = 16;

/**
 * Whether a passage's count that names no counted word is of the same thing as the query's
 * count: the name of the query that leads into its number leads into the passage's number too
 * ("Starlink has almost 4,000 satellites" and "Kuiper nur 78 Satelliten, Starlink fast 9.000").
 */
function ledBySameName(
  wanted: Quantity,
  p: Quantity,
  q: QueryEvidence,
  matcher: QueryMatcher,
  terms: readonly Term[],
): boolean {
  let concept = -1;
  matcher.concepts.forEach((c, i) => {
    if (q.required[i] && c.end <= wanted.start && wanted.start - c.end <= LEAD_CHARS) concept = i;
  });
  if (concept < 0) return false;
  return terms.some(
    (t) =>
      t.end <= p.start &&
      p.start - t.end <= LEAD_CHARS &&
      matcher.hits(t.stem).some((h) => h.concept === concept),
  );
}

/**
 * A number of the query against the passage's numbers of the same kind (and, for counts,
 * durations and ordinals, of the same thing, see ledBySameName for a count that names none):
 * one equal agrees; otherwise the nearest is the difference; with none of its kind, any equal
 * number agrees, else it is absent.
 */
export function compare(
  wanted: Quantity,
  passage: readonly Quantity[],
  q: QueryEvidence,
  matcher: QueryMatcher,
  text: string,
  terms: readonly Term[],
): "agrees" | "absent" | Difference {
  const unitConcept =
    wanted.unitStart === undefined
      ? -1
      : matcher.concepts.findIndex((c) => c.start === wanted.unitStart);
  const sameThing = (p: Quantity) => {
    if (p.kind !== wanted.kind) return false;
    if (wanted.kind === "duration") return p.unit === wanted.unit;
    if (wanted.kind !== "count" && wanted.kind !== "ordinal") return true;
    if (p.unit === undefined)
      return wanted.kind === "count" && ledBySameName(wanted, p, q, matcher, terms);
    if (wanted.unit === undefined) return false;
    const stem = stemWord(p.unit);
    if (unitConcept >= 0) return matcher.hits(stem).some((h) => h.concept === unitConcept);
    return stem === stemWord(wanted.unit);
  };
  const kin = passage.filter(sameThing);
  // The same number near the query's words, even with nothing counted after it ("nur sieben"),
  // is no difference.
  const equal = (p: Quantity) =>
    agree(p.value, wanted.value, wanted.kind) && (p.kind === wanted.kind || p.kind === "count");
  if (kin.some((p) => agree(p.value, wanted.value, wanted.kind)) || passage.some(equal))
    return "agrees";
  const nearest = kin.sort(
    (a, b) => distance(a.value, wanted.value) - distance(b.value, wanted.value),
  )[0];
  if (nearest) {
    return {
      query: q.query.slice(wanted.start, wanted.end),
      text: text.slice(nearest.start, nearest.end),
    };
  }
  if (wanted.kind === "count" && passage.some((p) => agree(p.value, wanted.value, "count")))
    return "agrees";
  return "absent";
}

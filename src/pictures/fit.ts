/**
 * Text cut to fit a width in a picture. Names are anything a member typed: emoji, CJK,
 * right-to-left scripts, stacks of combining marks, control characters. Cuts fall between
 * graphemes (what a reader sees as one character), never inside one, so no emoji or accented
 * letter is torn apart.
 */

/** The drawn width of a text in the current font. */
export type Measure = (text: string) => number;

/**
 * Control characters and explicit direction overrides, embeddings and isolates: they draw as
 * boxes or reorder what follows. Right-to-left text keeps its natural order without them.
 */
const UNDRAWABLE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/** No label needs more graphemes than this to fill a line; the rest is never measured. */
const MAX_GRAPHEMES = 200;

const ELLIPSIS = "…";
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** A label as it may be drawn: control characters gone, blank lines as spaces, never empty. */
export function drawable(text: string, fallback = "?"): string {
  const clean = text
    .replace(/[\r\n\t]/g, " ")
    .replace(UNDRAWABLE, "")
    .trim();
  return clean === "" ? fallback : clean;
}

/**
 * The longest start of `text` (whole graphemes) that fits `maxWidth`, with an ellipsis when it
 * was cut; the ellipsis alone, or nothing, when not even that fits. Binary search over the
 * grapheme count: widths only grow as graphemes are added.
 */
export function fitText(text: string, maxWidth: number, measure: Measure): string {
  const label = drawable(text);
  if (measure(label) <= maxWidth) return label;
  const graphemes: string[] = [];
  for (const { segment } of segmenter.segment(label)) {
    graphemes.push(segment);
    if (graphemes.length >= MAX_GRAPHEMES) break;
  }
  const cutAt = (n: number) => `${graphemes.slice(0, n).join("").trimEnd()}${ELLIPSIS}`;
  let low = 0;
  let high = graphemes.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(cutAt(mid)) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  if (low > 0 || measure(ELLIPSIS) <= maxWidth) return cutAt(low);
  return "";
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldWhitespace, locateQuote } from "../../src/corpus/quote-search.ts";

/** The quote search as it was: the quote's words joined by `\s+`, backtracking at near misses. */
function oldLocateQuote(body: string, quote: string) {
  const words = quote
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const match = new RegExp(words.join("\\s+"), "u").exec(body);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

const word = fc.constantFrom("Ab", "ab", "Ab.", "(x)", "a+b", "Über", "𝔄", "$1", "[", "\\");
const space = fc.constantFrom(" ", "  ", "\n", "\t", " \n ", "\u00a0", "\u2003");
const text = (max: number) =>
  fc
    .array(fc.tuple(word, space), { minLength: 1, maxLength: max })
    .map((parts) => parts.flat().join(""));

describe("finding a quote whatever its whitespace", () => {
  it("finds what the regular expression found, where it found it", () => {
    fc.assert(
      fc.property(text(60), text(6), (body, quote) => {
        expect(locateQuote(foldWhitespace(body), quote)).toEqual(oldLocateQuote(body, quote));
      }),
      { numRuns: 3000 },
    );
  });

  it("finds a passage of the article quoted with other line breaks and spaces", () => {
    fc.assert(
      fc.property(text(60), fc.nat(), fc.nat(), (body, a, b) => {
        const words = body.split(/\s+/).filter(Boolean);
        const from = a % words.length;
        const to = from + 1 + (b % (words.length - from));
        const quote = words.slice(from, to).join("\n  ");
        const found = locateQuote(foldWhitespace(body), quote);
        expect(found).toEqual(oldLocateQuote(body, quote));
        expect(found).toBeDefined();
      }),
    );
  });

  it("turns away 40 quotes that almost match a 300 kB article", () => {
    // Each near miss made the regular expression retry at every word: 31 s for these forty.
    const article = foldWhitespace("Ab ".repeat(100_000));
    const nearMisses = Array.from({ length: 40 }, (_, i) => `${"Ab ".repeat(300 - i)}Ax`);
    expect(nearMisses.map((q) => locateQuote(article, q))).toEqual(nearMisses.map(() => undefined));
    expect(locateQuote(article, "Ab\n Ab")).toEqual({ start: 0, end: 5 });
  });
});

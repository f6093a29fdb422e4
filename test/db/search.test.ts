import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchIndex } from "../../src/search/types.ts";
import { indexedTempApp } from "../support/temp-app.ts";

let index: SearchIndex;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const t = await indexedTempApp();
  cleanup = t.cleanup;
  index = t.app.search;
});
afterAll(() => cleanup());

const marked = (query: string) =>
  index
    .search(query, { limit: 5 })
    .map((r) => r.highlights.map((h) => r.text.slice(h.start, h.end)));

describe("compounds, inflections and spellings", () => {
  it.each([
    ["Einführung", "Amtseinführung"],
    ["Schutzschild", "Raketenschutzschild"],
    ["Platz", "Plätze"],
    ["Plaetze", "Plätze"],
    ["Techmilliardäre", "Tech-Milliardäre"],
  ])("%s finds %s", (query, word) => {
    expect(marked(query).flat()).toContain(word);
  });

  it("marks whole phrases with exact offsets", () => {
    const [first] = index.search("erste Reihe Amtseinführung", { limit: 1 });
    expect(first).toBeDefined();
    const words = first?.highlights.map((h) => first.text.slice(h.start, h.end));
    expect(words).toEqual(expect.arrayContaining(["Amtseinführung", "ersten Reihe"]));
  });
});

describe("the front-row passage", () => {
  it.each(["erste Reihe Amtseinführung", "who was placed in the front row at the inauguration?"])(
    "comes first for %s",
    (query) => {
      expect(index.search(query, { limit: 1 })[0]?.passageId).toBe("technofeudalismus#2");
    },
  );
});

describe("filters and limits", () => {
  it("restricts results to one article", () => {
    const results = index.search("Musk Trump", { limit: 10, article: "bezos-statt-musk" });
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.articleId === "bezos-statt-musk")).toBe(true);
  });

  it("returns at most the requested number, best first", () => {
    const results = index.search("Musk Trump Tesla", { limit: 4 });
    expect(results).toHaveLength(4);
    const scores = results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("returns an empty list, not an error, when nothing matches", () => {
    expect(index.search("Xylophon Zwiebelkuchen")).toEqual([]);
    expect(index.search("")).toEqual([]);
    expect(index.search("und oder aber")).toEqual([]);
  });
});

describe("any user text", () => {
  const fts5Syntax = fc.constantFrom(
    'NEAR("erste" "Reihe", 2)',
    '"',
    '""',
    "Trump AND Musk OR NOT Bezos",
    "stems: trump",
    "{stems}: x*",
    "^Musk*",
    "Musk -Trump +Bezos",
    "(((",
    "@everyone <@123> **bold** `code`",
    "🚀🇩🇪👩‍👩‍👧 Zwölf Boxkämpfer",
    "\u200b\u200d\ufeffMusk",
    "x".repeat(10_000),
    "Amtseinführung ".repeat(700),
  );
  const anyText = fc.oneof(
    fts5Syntax,
    fc.string({ unit: "grapheme", maxLength: 300 }),
    fc.string({ unit: "binary", maxLength: 300 }),
    fc
      .array(fc.constantFrom("Musk", "NEAR(", '"', "*", "AND", "Plätze", ":", "-", "ß", "🙂"), {
        maxLength: 40,
      })
      .map((a) => a.join(" ")),
  );

  it("returns results within the passage, never throwing", () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: -5, max: 50 }), (query, limit) => {
        const results = index.search(query, { limit });
        expect(results.length).toBeLessThanOrEqual(25);
        for (const r of results) {
          for (const h of r.highlights) {
            expect(h.start).toBeGreaterThanOrEqual(0);
            expect(h.end).toBeLessThanOrEqual(r.text.length);
            expect(h.start).toBeLessThan(h.end);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expandQuery } from "../../src/search/expand.ts";
import { buildMatchExpression, MAX_QUERY_TERMS, stemMatch } from "../../src/search/query.ts";
import { Vocabulary } from "../../src/search/vocabulary.ts";

/** The stems of a query's words as typed, over an empty index. */
const queryTerms = (text: string) =>
  expandQuery(text, new Vocabulary(new Map(), 0)).map((c) => ({ stem: c.forms[0]?.stem ?? "" }));

/** Every term of the expression is a quoted string; only our own operators stand outside quotes. */
const SAFE_EXPRESSION = /^\{stems\} : \("(?:[^"]|"")+"(?: OR "(?:[^"]|"")+")*\)$/;

describe("the words of a query", () => {
  it("keeps meaningful words once, in typed order", () => {
    expect(queryTerms("Wer saß in der ersten Reihe, erste Reihe?").map((t) => t.stem)).toEqual([
      "sass",
      "erst",
      "reih",
    ]);
  });

  it("finds a separable verb's zu-infinitive by its infinitive", () => {
    const vocabulary = new Vocabulary(new Map([["abbau", 1]]), 10);
    const forms = expandQuery("Regulierung abzubauen", vocabulary)[1]?.forms.map((f) => f.stem);
    expect(forms).toContain("abbau");
    expect(expandQuery("Anzug", vocabulary)[0]?.forms.map((f) => f.stem)).toEqual(["anzug"]);
  });

  it("caps the number of terms", () => {
    const words = Array.from({ length: 100 }, (_, i) => `wort${i}x`).join(" ");
    expect(queryTerms(words).map((t) => t.stem)).toHaveLength(MAX_QUERY_TERMS);
  });
});

describe("buildMatchExpression", () => {
  it("is null when nothing meaningful is left", () => {
    expect(buildMatchExpression(queryTerms("wer ist das?").map((t) => t.stem))).toBeNull();
    expect(buildMatchExpression(queryTerms("   ⚡️ !!").map((t) => t.stem))).toBeNull();
  });

  it("quotes every stem and ORs them, repeats included (they weigh in bm25)", () => {
    expect(buildMatchExpression(["einfuhr", "x", "einfuhr"])).toBe(
      '{stems} : ("einfuhr" OR "x" OR "einfuhr")',
    );
  });

  it("turns any user text into quoted terms only", () => {
    const hostile = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 200 }),
      fc.constantFrom(
        "NEAR(a b, 3)",
        '"unclosed',
        "a AND b OR NOT c",
        "col:term*",
        "^start -minus +plus",
        "{stems}: x",
      ),
    );
    fc.assert(
      fc.property(hostile, (text) => {
        const expression = buildMatchExpression(queryTerms(text).map((t) => t.stem));
        if (expression !== null) expect(expression).toMatch(SAFE_EXPRESSION);
      }),
    );
  });
});

describe("stemMatch", () => {
  it("tells exact words, compounds and unrelated words apart", () => {
    expect(stemMatch("platz", "platz")).toBe("exact");
    expect(stemMatch("einfuhr", "amtseinfuhr")).toBe("compound");
    expect(stemMatch("schutzschild", "raketenschutzschild")).toBe("compound");
    expect(stemMatch("rak", "raket")).toBeNull();
    expect(stemMatch("platz", "satz")).toBeNull();
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, indexStems, stemWord } from "../../src/search/analyzer.ts";
import { normalizeWord } from "../../src/search/normalize.ts";
import { stemMatch } from "../../src/search/query.ts";
import { tokenize } from "../../src/search/tokenize.ts";

const stem = (word: string) => stemWord(normalizeWord(word));

describe("German stemming", () => {
  it("maps inflections to one stem", () => {
    expect(stem("Plätze")).toBe(stem("Platz"));
    expect(stem("Plaetze")).toBe(stem("Platz"));
    expect(stem("Amtseinführung")).toBe(stem("Amtseinführungen"));
    expect(stem("Satelliten")).toBe(stem("Satellit"));
    expect(stem("saß")).toBe(stem("sass"));
  });

  it("reaches genitives Snowball leaves alone through the compound match", () => {
    expect(stem("Musks")).toBe(stem("Musk"));
    expect(stem("Trumps")).not.toBe(stem("Trump"));
    expect(stemMatch(stem("Trump"), stem("Trumps"))).toBe("compound");
  });

  it("leaves numbers alone", () => {
    expect(stemWord("16000")).toBe("16000");
  });
});

describe("tokenize", () => {
  it("gives offsets that cut the original words out of the text", () => {
    const text = "Der US-Präsident und Bezos’ Firma: 16.000 Satelliten.";
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual([
      "Der",
      "US",
      "Präsident",
      "US-Präsident",
      "und",
      "Bezos",
      "Firma",
      "16.000",
      "Satelliten",
    ]);
    expect(tokenize(text).map((t) => t.norm)).toEqual([
      "der",
      "us",
      "prasident",
      "usprasident",
      "und",
      "bezos",
      "firma",
      "16000",
      "satelliten",
    ]);
  });

  it("marks the joined whole of a hyphenated group", () => {
    const joined = tokenize("Tech-Milliardäre").filter((t) => t.joined);
    expect(joined.map((t) => t.norm)).toEqual(["techmilliardare"]);
  });

  it("never returns a token outside the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        for (const t of tokenize(text)) {
          expect(t.start).toBeGreaterThanOrEqual(0);
          expect(t.end).toBeLessThanOrEqual(text.length);
          expect(t.start).toBeLessThan(t.end);
        }
      }),
    );
  });
});

describe("analyze", () => {
  it("drops stop words and question words", () => {
    const stems = analyze("Wer saß bei der Amtseinführung in der ersten Reihe?").map((t) => t.stem);
    expect(stems).toEqual(["sass", "amtseinfuhr", "erst", "reih"]);
  });

  it("indexes the stems of meaningful words", () => {
    expect(indexStems("Die Amtseinführung in der ersten Reihe")).toBe("amtseinfuhr erst reih");
  });
});

describe("indexStems", () => {
  it("indexes exactly the stems analysis gives, for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        expect(indexStems(text)).toBe(
          analyze(text)
            .map((t) => t.stem)
            .join(" "),
        );
      }),
      { numRuns: 300 },
    );
    const german =
      "Die Tech-Milliardäre, US-Präsident Trump's „Golden Dome“ für 16.000 Satelliten.";
    expect(indexStems(german)).toBe(
      analyze(german)
        .map((t) => t.stem)
        .join(" "),
    );
  });
});

import { describe, expect, it } from "vitest";
import { normalizeNumber, normalizeWord } from "../../src/search/normalize.ts";

describe("normalizeWord", () => {
  it.each([
    ["Plätze", "platze"],
    ["PLÄTZE", "platze"],
    ["Plaetze", "platze"],
    ["Straße", "strasse"],
    ["STRASSE", "strasse"],
    ["Muenchen", "munchen"],
    ["Hoeflinge", "hoflinge"],
    ["Zölle", "zolle"],
    ["Zoelle", "zolle"],
    ["Benoît", "benoit"],
    ["Cœuré", "coure"],
    ["Coeure", "coure"],
    ["Žižek", "zizek"],
  ])("%s → %s", (word, expected) => {
    expect(normalizeWord(word)).toBe(expected);
  });

  it("keeps ue where u is a glide between vowels or follows q", () => {
    expect(normalizeWord("neue")).toBe("neue");
    expect(normalizeWord("Steuer")).toBe("steuer");
    expect(normalizeWord("Bauer")).toBe("bauer");
    expect(normalizeWord("Quelle")).toBe("quelle");
  });
});

describe("normalizeNumber", () => {
  it("drops thousands separators so 16.000 and 16000 meet", () => {
    expect(normalizeNumber("16.000")).toBe("16000");
    expect(normalizeNumber("16000")).toBe("16000");
  });
});

import { describe, expect, it } from "vitest";
import { expandQuery } from "../../src/search/expand.ts";
import { splitCompound } from "../../src/search/query.ts";
import { boundedEditDistance, Vocabulary } from "../../src/search/vocabulary.ts";

const vocabulary = new Vocabulary(
  new Map([
    ["streamingdienst", 1],
    ["plattform", 4],
    ["status", 2],
    ["vereidig", 1],
    ["amtseinfuhr", 3],
    ["doku", 1],
    ["us", 25],
  ]),
  100,
);

describe("boundedEditDistance", () => {
  it.each([
    ["vereidg", "vereidig", 1],
    ["megaphon", "megafon", 2],
    ["trumo", "trump", 1],
    ["ab", "ba", 1],
    ["kitten", "sitting", 3],
  ])("%s ↔ %s is %i", (a, b, d) => {
    expect(boundedEditDistance(a, b, 5)).toBe(d);
  });

  it("stops at the limit", () => {
    expect(boundedEditDistance("abcdefgh", "zyxwvuts", 2)).toBe(2);
  });
});

describe("Vocabulary", () => {
  it("finds starts and heads of indexed compounds", () => {
    expect(vocabulary.hasPrefix("streaming")).toBe(true);
    expect(vocabulary.hasSuffix("einfuhr")).toBe(true);
    expect(vocabulary.hasSuffix("streaming")).toBe(false);
  });

  it("corrects a typo to the closest indexed stem", () => {
    expect(vocabulary.closest("vereidg", 1)).toBe("vereidig");
    expect(vocabulary.closest("xereidig", 1)).toBeUndefined();
  });
});

describe("query expansion", () => {
  it("splits an unknown compound into known parts", () => {
    expect(splitCompound("streamingplattform", vocabulary)).toEqual(["streaming", "plattform"]);
    expect(splitCompound("sonderstatus", vocabulary)).toEqual(["status"]);
    expect(splitCompound("dokumentation", vocabulary)).toEqual(["doku"]);
  });

  it("keeps known words as they are and corrects unknown short ones", () => {
    const concepts = expandQuery("Amtseinführung Vereidgung", vocabulary);
    expect(concepts.map((c) => c.forms.map((f) => f.stem))).toEqual([
      ["amtseinfuhr"],
      ["vereidg", "vereidig"],
    ]);
  });

  it("does not count the joined whole of a hyphenated word as a concept of its own", () => {
    const concepts = expandQuery("Amazon-Boss", vocabulary);
    expect(concepts.map((c) => c.counts)).toEqual([true, true, false]);
  });

  it("corrects to the nearest spelling, never to a farther but more frequent word", () => {
    const v = new Vocabulary(
      new Map([
        ["vereid", 1],
        ["verfolg", 40],
      ]),
      100,
    );
    expect(v.closest("vereidg", 1)).toBe("vereid");
    expect(v.closest("verfolx", 1)).toBe("verfolg");
    expect(v.closest("vxrxidg", 1)).toBeUndefined();
  });

  it("says which synonyms and translations stand for a word, each counting less", () => {
    const bridges = {
      synonyms: (stem: string) => (stem === "zoff" ? ["streit"] : []),
      translations: (english: string) =>
        english === "inaugur" ? [{ german: "amtseinfuhr", weight: 1 }] : [],
    };
    const german = expandQuery("Zoff", vocabulary, bridges);
    expect(german[0]?.forms).toEqual([
      { stem: "zoff", credit: 1, origin: "typed" },
      { stem: "streit", credit: 0.6, origin: "synonym" },
    ]);
    const english = expandQuery("who was at the inauguration?", vocabulary, bridges);
    expect(english.map((c) => c.word)).toEqual(["inauguration"]);
    expect(english[0]?.forms).toContainEqual({
      stem: "amtseinfuhr",
      credit: 0.8,
      origin: "translation",
    });
  });
});

describe("compoundsOf", () => {
  it("finds indexed compounds that start or end with a stem, most frequent first", () => {
    const v = new Vocabulary(
      new Map([
        ["einfuhr", 2],
        ["amtseinfuhr", 3],
        ["einfuhrzoll", 5],
        ["ausfuhr", 9],
      ]),
      10,
    );
    expect(v.compoundsOf("einfuhr", 10)).toEqual(["einfuhrzoll", "amtseinfuhr"]);
    expect(v.compoundsOf("einfuhr", 1)).toEqual(["einfuhrzoll"]);
    expect(v.compoundsOf("zoll", 10)).toEqual(["einfuhrzoll"]);
  });

  it("reads an acronym the corpus has as a name, not as the English word it spells", () => {
    const bridges = {
      synonyms: () => [],
      translations: (english: string) => (english === "us" ? [{ german: "uns", weight: 1 }] : []),
    };
    const forms = (query: string) =>
      expandQuery(query, vocabulary, bridges)
        .filter((c) => c.word.toLowerCase() === "us")
        .flatMap((c) => c.forms.map((f) => f.stem));
    expect(forms("what does the US want from the platform")).toEqual(["us"]);
    expect(forms("what does the platform give us")).toContain("uns");
  });
});

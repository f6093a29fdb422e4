import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/search/analyzer.ts";
import { expandQuery } from "../../src/search/expand.ts";
import { QueryMatcher } from "../../src/search/matcher.ts";
import { quantitiesOf } from "../../src/search/quantities.ts";
import { firstVerdict, judge, queryEvidence } from "../../src/search/verdict.ts";
import { Vocabulary } from "../../src/search/vocabulary.ts";
import { WordLists } from "../../src/search/word-lists.ts";

const shown = (text: string, english = false) =>
  quantitiesOf(text, english).map((q) => [q.kind, q.value, text.slice(q.start, q.end)]);

describe("the numbers of a text", () => {
  it("reads scale words, number words, percentages, money, durations, years and ordinals", () => {
    expect(shown("Tesla 2003 gegründet, 60.000 Satelliten, 2,4 Mrd. Dollar")).toEqual([
      ["year", 2003, "2003"],
      ["count", 60000, "60.000 Satelliten"],
      ["money", 2.4e9, "2,4 Mrd. Dollar"],
    ]);
    expect(shown("a dozen rockets cost $5 billion, 30% more than five years ago", true)).toEqual([
      ["count", 12, "a dozen rockets"],
      ["money", 5e9, "$5 billion"],
      ["percent", 30, "30%"],
      ["duration", 5, "five years"],
    ]);
    expect(shown("drei Jahre, eine Million Menschen, die erste Reihe, 1,5 Millionen Euro")).toEqual(
      [
        ["duration", 3, "drei Jahre"],
        ["count", 1e6, "eine Million Menschen"],
        ["ordinal", 1, "erste Reihe"],
        ["money", 1.5e6, "1,5 Millionen Euro"],
      ],
    );
  });

  it("reads no number in digits written onto letters, nor in a lone 'one'", () => {
    expect(shown("CO2-intensive Rechenzentren, Klausur in H3, Kurs A2")).toEqual([]);
    expect(shown("one said it was not allowed to say", true)).toEqual([]);
    expect(shown("one billion dollars", true)).toEqual([["money", 1e9, "one billion dollars"]]);
  });

  it("counts no word across the end of a phrase, nor a stop word", () => {
    const [starlink] = quantitiesOf("Starlink fast 9.000. Doch mit Rückenwind", false);
    expect(starlink).toMatchObject({ value: 9000, unit: undefined, start: 14, end: 19 });
    expect(quantitiesOf("10 oder 12 Seiten", false).map((q) => q.unit)).toEqual([
      undefined,
      "seiten",
    ]);
  });

  it("reads a German Billion as a thousand English billions", () => {
    expect(quantitiesOf("2 Billionen Dollar", false)[0]?.value).toBe(2e12);
    expect(quantitiesOf("2 billion dollars", true)[0]?.value).toBe(2e9);
  });
});

const PASSAGE =
  "Der geplante Raketenschutzschild soll 175 Milliarden Dollar kosten und den Himmel mit bis zu 16.000 Satelliten sichern.";

function evidence(
  query: string,
  passage = PASSAGE,
  bridges?: Parameters<typeof expandQuery>[2],
  words: (rest: string) => boolean = () => true,
) {
  return aligned(query, passage, bridges, words).judged;
}

/** The answer's verdict when `passage` comes first. */
function answer(query: string, passage: string, bridges?: Parameters<typeof expandQuery>[2]) {
  const { asked, judged } = aligned(query, passage, bridges);
  return firstVerdict(asked, judged);
}

function aligned(
  query: string,
  passage: string,
  bridges?: Parameters<typeof expandQuery>[2],
  words: (rest: string) => boolean = () => true,
) {
  const terms = analyze(passage);
  const frequencies = new Map(terms.map((t) => [t.stem, 1]));
  const vocabulary = new Vocabulary(frequencies, 10);
  const matcher = new QueryMatcher(
    expandQuery(query, vocabulary, bridges),
    (s) => vocabulary.idf(s),
    undefined,
    words,
  );
  const asked = queryEvidence(
    query,
    false,
    matcher,
    new WordLists(),
    vocabulary.idf(""),
    bridges?.commonness,
  );
  return { asked, judged: judge(asked, matcher, terms, passage) };
}

describe("the verdict on a passage", () => {
  it("backs a claim whose words and numbers are all there, in other forms and compounds", () => {
    expect(evidence("Der Schutzschild kostet 175 Milliarden Dollar").verdict).toBe("backs");
  });

  it("names a number that differs from one of the same kind", () => {
    const e = evidence("Der Schutzschild soll mit 60.000 Satelliten den Himmel sichern");
    expect(e.verdict).toBe("differs");
    expect(e.differences).toEqual([{ query: "60.000 Satelliten", text: "16.000 Satelliten" }]);
    expect(evidence("Schutzschild für 175 Millionen Dollar").differences).toEqual([
      { query: "175 Millionen Dollar", text: "175 Milliarden Dollar" },
    ]);
  });

  it("compares with a count that names nothing when the same word leads into it", () => {
    const passage =
      "Noch hat Kuiper nur 78 Satelliten im All, Starlink fast 9.000. Doch mehr nicht.";
    expect(evidence("Starlink hat fast 4.000 Satelliten", passage).differences).toEqual([
      { query: "4.000 Satelliten", text: "9.000" },
    ]);
    expect(evidence("Kuiper hat 87 Satelliten", passage).differences).toEqual([
      { query: "87 Satelliten", text: "78 Satelliten" },
    ]);
  });

  it("rounds only money: a year, count or duration a little off differs", () => {
    const passage =
      "Das Manifest erschien im Jahr 1994, mit 2.000 Seiten. Es kostete 2,43 Milliarden Dollar.";
    expect(evidence("das Manifest erschien 1996", passage).differences).toEqual([
      { query: "1996", text: "1994" },
    ]);
    expect(evidence("das Manifest hat 2.008 Seiten", passage).verdict).toBe("differs");
    expect(evidence("das Manifest kostete 2,43 Mrd. Dollar", passage).verdict).toBe("backs");
  });

  it("lists the names and years the passage lacks", () => {
    const e = evidence("Elon Musk baut den Schutzschild seit 2003");
    expect(e.verdict).toBe("partial");
    expect(e.missing).toEqual(["Elon", "Musk", "2003"]);
  });

  it("finds a word through a synonym or a translation", () => {
    const bridges = {
      synonyms: (stem: string) => (stem === "kugel" ? ["himmel"] : []),
      translations: (english: string) =>
        english === "satellit" ? [{ german: "satellit", weight: 1 }] : [],
    };
    expect(evidence("Schutzschild Himmel", PASSAGE, bridges).verdict).toBe("backs");
  });

  it("neither requires nor counts chat filler", () => {
    const e = evidence(
      "hab gelesen dass der Schutzschild 175 Milliarden Dollar kostet, stimmt das? lol",
    );
    expect(e.verdict).toBe("backs");
    expect(e.missing).toEqual([]);
    expect(expandQuery("is it true that lol anyway", new Vocabulary(new Map(), 0))).toEqual([]);
  });

  it("takes a name's genitive as the name, and talk of the article as filler", () => {
    const passage = "Trump will den Schutzschild bauen.";
    const e = evidence("laut dem Artikel sind Trumps Pläne ein Schutzschild", passage);
    expect(e.missing).toEqual(["Pläne"]);
    expect(evidence("der autor meint, Trumps Schutzschild", passage).verdict).toBe("backs");
  });

  it("holds for hostile and huge queries", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 10_000 }),
          fc.constantFrom(
            '" OR * NEAR( AND -x',
            "🙂".repeat(5000),
            "9".repeat(10_000),
            "a".repeat(10_240),
          ),
        ),
        (query) => {
          const e = evidence(query);
          expect(["backs", "partial", "differs", "none"]).toContain(e.verdict);
          expect(Number.isFinite(e.coverage)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("takes a compound match as evidence only when the rest of the compound is a word", () => {
    const passage = "Er blieb nachtragend. Die Regierungsaufträge nutzten den Profiteuren.";
    const words = (rest: string) => rest === "regierung" || rest === "rag" || rest === "eur";
    expect(evidence("Auftrag", passage, undefined, words).verdict).toBe("backs");
    expect(evidence("Nacht", passage, undefined, words).missing).toEqual(["Nacht"]);
    expect(evidence("Profit", passage, undefined, words).missing).toEqual(["Profit"]);
    expect(evidence("Auftrag", passage, undefined, () => false).missing).toEqual(["Auftrag"]);
  });

  it("weighs everyday words by the lexicons: sharing one is no source, and none is required", () => {
    const passage = "Heute ist Zeit für die Satelliten in Berlin.";
    const entries: Record<string, number> = { heut: 148, zeit: 452, sach: 58 };
    const bridges = {
      synonyms: () => [],
      translations: () => [],
      commonness: (stem: string) => entries[stem] ?? 0,
    };
    const chat = "hab heute keine Zeit, ich fahre weg";
    expect(answer(chat, passage).verdict).not.toBe("none");
    expect(answer(chat, passage, bridges).verdict).toBe("none");
    expect(evidence("Die Sache mit Satelliten in Berlin", passage).missing).toEqual(["Sache"]);
    expect(evidence("Die Sache mit Satelliten in Berlin", passage, bridges).verdict).toBe("backs");
  });
});

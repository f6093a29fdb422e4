import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.ts";
import { typed as typedQuestion } from "../../src/quiz/generate.ts";
import { allowedTypos, typedAnswerMatches } from "../../src/quiz/typed-answer.ts";
import type { QuizClaim } from "../../src/quiz/types.ts";
import { REPO_CORPUS } from "../support/temp-corpus.ts";
import { TYPED_PROBES, TYPED_PROBES_DE } from "./typed-probes.ts";
import TUNE from "./typed-probes-tune.json" with { type: "json" };

describe("a typed answer", () => {
  it.each([
    ["jeff bezos", ["Jeff Bezos"], true],
    ["JEFF  BEZOS!", ["Jeff Bezos"], true],
    ["Jef Besos", ["Jeff Bezos"], true],
    ["Bezos", ["Jeff Bezos", "Bezos"], true],
    ["Zuckerberg", ["Jeff Bezos"], false],
    ["Muenchen", ["München"], true],
    ["Erdogan", ["Recep Tayyip Erdoğan", "Erdoğan"], true],
    ["175 Milliarden", ["175 Milliarden Dollar", "175 billion dollars"], true],
    ["175 billion", ["175 Milliarden Dollar"], true],
    ["170 Milliarden", ["175 Milliarden Dollar"], false],
    ["SEC", ["SEC"], true],
    ["SEX", ["SEC"], false],
    ["", ["SEC"], false],
    ["die SEC", ["SEC"], true],
    ["in Venedig", ["Venedig"], true],
    ["nicht die SEC", ["SEC"], false],
    ["SEC und FTC", ["SEC"], false],
    ["Hunter Biden", ["Joe Biden", "Biden"], false],
    ["Herr Peter Tiel", ["Peter Thiel"], true],
    ["fast 9.000", ["9000"], true],
    ["9.000 Satelliten", ["9.000"], true],
    ["90 Satelliten", ["9.000"], false],
    ["16,000", ["16.000 Satelliten"], true],
    ["15 Millionen", ["1,5 Millionen"], false],
    ["2.5", ["25 Prozent"], false],
    ["1.5 Millionen", ["1,5 Millionen"], true],
    // Amounts: the scale and the unit are part of the number.
    ["234 Mrd. $", ["234 Milliarden Dollar", "234 billion dollars"], true],
    ["234 billion dollars", ["234 Milliarden Dollar"], true],
    ["$234 billion", ["234 Milliarden Dollar"], true],
    ["234.000.000.000 USD", ["234 Milliarden Dollar"], true],
    ["234 million dollars", ["234 Milliarden Dollar", "234 Milliarden"], false],
    ["234 Millionen", ["234 Milliarden Dollar"], false],
    ["175 Milliarden Euro", ["175 Milliarden Dollar", "175 Milliarden"], false],
    ["25 %", ["25 Prozent"], true],
    ["25 Dollar", ["25 Prozent"], false],
    ["drei", ["3"], true],
    ["nicht 9000", ["9000"], false],
    // Names and terms with words around them.
    ["Reuters news agency", ["Reuters"], true],
    ["Nachrichtenagentur Reuters", ["Reuters"], true],
    ["Präsident Putin", ["Wladimir Putin", "Putin"], true],
    ["cloud computing contracts", ["Cloud-Computing"], true],
    [
      "Effizienzbehörde DOGE",
      ["Department of Government Efficiency", "DOGE", "Effizienzbehörde"],
      true,
    ],
    ["S.E.C.", ["SEC"], true],
    ["the S.E.C", ["SEC"], true],
    ["Space X", ["SpaceX"], true],
    ["Destruction", ["Deconstruction"], false],
    ["Deconstrucion", ["Deconstruction"], true],
    ["Amazonas", ["Amazon"], false],
    ["Reuters und AP", ["Reuters"], false],
    ["Bloomberg statt Reuters", ["Reuters"], false],
  ])("%s against %j is %s", (typed, accepted, expected) => {
    expect(typedAnswerMatches(typed, accepted, { person: true })).toBe(expected);
  });

  it("is wrong when the words around the answer name another option", () => {
    const rivals = ["Fox News", "Associated Press", "Bloomberg"];
    expect(typedAnswerMatches("Reuters news agency", ["Reuters"], { rivals })).toBe(true);
    expect(typedAnswerMatches("Reuters or Bloomberg", ["Reuters"], { rivals })).toBe(false);
    expect(typedAnswerMatches("Bloomberg Reuters", ["Reuters"], { rivals })).toBe(false);
    expect(typedAnswerMatches("Meta", ["Meta"], { rivals: ["Beta"] })).toBe(true);
    expect(typedAnswerMatches("Threads", ["Thread"], { rivals: ["Threads"] })).toBe(false);
  });

  it("takes an amount in either language's scale words, never with another scale", () => {
    const scales = [
      { de: ["Tausend"], en: ["thousand"] },
      { de: ["Millionen", "Mio."], en: ["million"] },
      { de: ["Milliarden", "Mrd."], en: ["billion"] },
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom("$", "Dollar", "US-Dollar", "dollars", ""),
        (n, wanted, typed, unit) => {
          const answer = [
            `${n} ${scales[wanted]?.de[0]} Dollar`,
            `${n} ${scales[wanted]?.en[0]} dollars`,
          ];
          for (const word of [...(scales[typed]?.de ?? []), ...(scales[typed]?.en ?? [])])
            expect(typedAnswerMatches(`${n} ${word} ${unit}`, answer)).toBe(wanted === typed);
        },
      ),
    );
  });

  it("forgives a slip of a key in a long word, not a syllable put in", () => {
    // Without "e": "ae", "oe", "ue" fold to umlauts, which would change two letters at once.
    const word = fc.stringMatching(/^[a-df-z]{6,14}$/);
    fc.assert(
      fc.property(word, fc.nat(), fc.constantFrom(..."abcdfghijklmnopqrstvwxyz"), (w, at, c) => {
        const i = at % w.length;
        expect(typedAnswerMatches(w.slice(0, i) + c + w.slice(i + 1), [w])).toBe(true);
        expect(typedAnswerMatches(`${w.slice(0, i)}qzj${w.slice(i)}`, [w])).toBe(false);
      }),
    );
  });

  it("reads only well-formed roman numerals exactly, not words made of their letters", () => {
    expect(typedAnswerMatches("Louis XV", ["Louis XIV"])).toBe(false);
    expect(typedAnswerMatches("aicvcv", ["cicvcv"])).toBe(true);
    expect(typedAnswerMatches("Honda Civik", ["Honda Civic"])).toBe(true);
  });

  it("forgives more typos in longer answers, none in short ones", () => {
    expect(allowedTypos(3)).toBe(0);
    expect(allowedTypos(8)).toBe(1);
    expect(allowedTypos(12)).toBe(2);
    expect(allowedTypos(40)).toBe(3);
  });

  it("never throws on what anybody may type", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (typed) => {
        expect(typeof typedAnswerMatches(typed, ["Jeff Bezos", "175 Milliarden Dollar"])).toBe(
          "boolean",
        );
      }),
    );
  });

  it("meets its targets on the tuning probes of the corpus's typed questions", () => {
    const corpus = loadCorpus(REPO_CORPUS);
    const claims: QuizClaim[] = corpus.claims.map((c) => ({
      ...c,
      answers: c.answer,
      passageId: `${c.articleId}#1`,
      articleDate: null,
    }));
    for (const [lang, probes] of [
      ["en", TYPED_PROBES],
      ["de", TYPED_PROBES_DE],
    ] as const) {
      const counts = { typo: 0, other: 0, wrong: 0 };
      const asked = probes.filter(([id]) =>
        claims.find((c) => c.id === id)?.kinds.includes("typed"),
      );
      for (const [id, typo, other, wrong] of asked) {
        const claim = claims.find((c) => c.id === id);
        const question = claim && typedQuestion(claim, lang, claims);
        if (!question) throw new Error(`${id} is no typed question`);
        const right = (text: string) =>
          typedAnswerMatches(text, question.accepted ?? [], {
            rivals: question.rivals ?? [],
            person: question.person ?? false,
          });
        counts.typo += right(typo) ? 1 : 0;
        counts.other += right(other) ? 1 : 0;
        counts.wrong += right(wrong) ? 0 : 1;
      }
      console.log(`own probes ${lang}:`, JSON.stringify(counts), "of", asked.length);
      expect(counts.typo / asked.length, `${lang} typos`).toBeGreaterThanOrEqual(0.95);
      expect(counts.other / asked.length, `${lang} other forms`).toBeGreaterThanOrEqual(0.9);
      expect(counts.wrong / asked.length, `${lang} wrong but close`).toBeGreaterThanOrEqual(0.98);
    }
  });

  it("meets its targets on the blind tuning probes (written from questions and articles only)", () => {
    const corpus = loadCorpus(REPO_CORPUS);
    const claims: QuizClaim[] = corpus.claims.map((c) => ({
      ...c,
      answers: c.answer,
      passageId: `${c.articleId}#1`,
      articleDate: null,
    }));
    const rates: Record<string, { right: number; of: number }> = {};
    let noLongerTyped = 0;
    for (const p of TUNE) {
      const claim = claims.find((c) => c.id === p.claim);
      const question =
        claim?.kinds.includes("typed") && typedQuestion(claim, p.lang as "de" | "en", claims);
      // A descriptive answer is asked as multiple choice now, a trivial one not typed: its
      // probes grade nothing.
      if (!question) {
        noLongerTyped++;
        continue;
      }
      const accepted = typedAnswerMatches(p.probe, question.accepted ?? [], {
        rivals: question.rivals ?? [],
        person: question.person ?? false,
      });
      const rate = rates[p.category] ?? { right: 0, of: 0 };
      rates[p.category] = rate;
      rate.of++;
      if (accepted === (p.category !== "close")) rate.right++;
    }
    console.log("blind tuning probes:", JSON.stringify(rates), "no longer typed:", noLongerTyped);
    const share = (c: string) => (rates[c]?.right ?? 0) / (rates[c]?.of ?? 1);
    expect(share("typo")).toBeGreaterThanOrEqual(0.95);
    expect(share("form")).toBeGreaterThanOrEqual(0.9);
    expect(share("close")).toBeGreaterThanOrEqual(0.98);
  });
});

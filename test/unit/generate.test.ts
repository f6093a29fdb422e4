import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { looksGerman, normalizeAnswer } from "../../src/corpus/claim-rules.ts";
import { claimRow } from "../../src/corpus/index-rows.ts";
import { loadCorpus } from "../../src/corpus/load.ts";
import { segmentBody } from "../../src/corpus/segment.ts";
import { falsify, generateQuestions, TRUE_FALSE_LABELS } from "../../src/quiz/generate.ts";
import { nearbyNumbers } from "../../src/quiz/numbers.ts";
import type { QuizClaim } from "../../src/quiz/types.ts";
import { REPO_CORPUS } from "../support/temp-corpus.ts";

const corpus = loadCorpus(REPO_CORPUS);
const dates = new Map(corpus.articles.map((a) => [a.id, a.meta.date ?? null]));
const bodies = new Map(corpus.articles.map((a) => [a.id, a.body]));
/** The paragraph that proves a claim, as the index places it. */
const passageOf = (c: (typeof corpus.claims)[number]) => {
  const body = bodies.get(c.articleId) ?? "";
  return claimRow(c, segmentBody(body), body).passageId;
};
const claims: QuizClaim[] = corpus.claims.map((c) => ({
  id: c.id,
  articleId: c.articleId,
  passageId: passageOf(c),
  type: c.type,
  quote: c.quote,
  question: c.question,
  statement: c.statement,
  answers: c.answer,
  accept: c.accept,
  distractors: c.distractors,
  falseStatements: c.falseStatements,
  notOffered: c.notOffered,
  borrow: c.borrow,
  kinds: c.kinds,
  tags: c.tags,
  articleDate: dates.get(c.articleId) ?? null,
}));
const both = (texts: readonly { de: string; en: string }[]) => texts.flatMap((t) => [t.de, t.en]);
const YEAR = /\b(?:19|20)\d\d\b/g;
const yearsIn = (text: string) => [...text.matchAll(YEAR)].map((m) => Number(m[0]));
const byId = new Map(claims.map((c) => [c.id, c]));
/** Folded words between single spaces, punctuation dropped ("„New York Post“" → new york post). */
const words = (text: string) => normalizeAnswer(text.replace(/[^\p{L}\p{N}]+/gu, " "));

const options = fc.record({
  count: fc.integer({ min: 1, max: 60 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  kind: fc.constantFrom("mc" as const, "tf" as const, "typed" as const, "mixed" as const),
  lang: fc.constantFrom("de" as const, "en" as const),
});

describe("generateQuestions", () => {
  it("makes sound questions for any seed, kind and language", () => {
    fc.assert(
      fc.property(options, (o) => {
        const questions = generateQuestions(claims, o);
        expect(questions.length).toBeLessThanOrEqual(o.count);
        expect(new Set(questions.map((q) => q.claimId)).size).toBe(questions.length);
        for (const q of questions) {
          const claim = byId.get(q.claimId) as QuizClaim;
          if (o.kind !== "mixed") expect(q.kind).toBe(o.kind);
          expect(new Set(q.options.map(normalizeAnswer)).size).toBe(q.options.length);
          expect(q.correctIndex).toBeGreaterThanOrEqual(0);
          expect(q.correctIndex).toBeLessThan(q.options.length);
          if (q.kind === "mc") {
            expect(q.options).toHaveLength(4);
            expect(q.prompt).toBe(claim.question[o.lang]);
            const accepted = new Set(
              both([...claim.answers, ...claim.accept]).map(normalizeAnswer),
            );
            expect(claim.answers.map((a) => a[o.lang])).toContain(q.options[q.correctIndex]);
            q.options.forEach((option, i) => {
              if (i !== q.correctIndex) expect(accepted.has(normalizeAnswer(option))).toBe(false);
            });
          } else if (q.kind === "typed") {
            expect(q.prompt).toBe(claim.question[o.lang]);
            expect(q.accepted).toEqual([...new Set(both([...claim.answers, ...claim.accept]))]);
            expect(["date"]).not.toContain(claim.type);
          } else {
            expect(q.options).toEqual(TRUE_FALSE_LABELS[o.lang]);
            expect(q.prompt === claim.statement[o.lang]).toBe(q.correctIndex === 0);
            if (q.correctIndex === 1) {
              const written = claim.falseStatements.map((f) => f[o.lang]);
              if (written.length > 0) expect(written).toContain(q.prompt);
            }
          }
          expect(q.citation.quote).toBe(claim.quote);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("never shows German in an English round", () => {
    fc.assert(
      fc.property(options, (o) => {
        for (const q of generateQuestions(claims, { ...o, lang: "en" })) {
          const claim = byId.get(q.claimId) as QuizClaim;
          expect(looksGerman(q.prompt), q.prompt).toBe(false);
          // Names are names in both languages ("Jürgen Habermas"); everything else is English.
          if (claim.type !== "person" && claim.type !== "organisation" && claim.type !== "place")
            for (const option of q.options) expect(looksGerman(option), option).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("never offers a year after the article's date", () => {
    fc.assert(
      fc.property(options, (o) => {
        for (const q of generateQuestions(claims, o)) {
          const claim = byId.get(q.claimId) as QuizClaim;
          const year = Number(claim.articleDate?.slice(0, 4));
          // The claim's own wording may name a later plan ("im Januar 2025"); what is made up may not.
          const madeUp = [
            ...(q.kind === "mc" ? q.options : []),
            ...(q.kind === "tf" && q.correctIndex === 1 ? [q.prompt] : []),
          ];
          const truth = both([...claim.answers, claim.statement, claim.question]).join(" ");
          for (const text of madeUp)
            for (const y of yearsIn(text)) {
              if (y > year) expect(truth, `${y} in "${text}"`).toContain(String(y));
            }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("offers full names with full names and no option twice", () => {
    const questions = generateQuestions(claims, { count: 500, seed: 11, kind: "mc", lang: "de" });
    for (const q of questions) {
      expect(new Set(q.options.map(normalizeAnswer)).size).toBe(4);
      if (byId.get(q.claimId)?.type !== "person") continue;
      const right = q.options[q.correctIndex] as string;
      const full = right.trim().includes(" ");
      for (const option of q.options) expect(option.trim().includes(" "), option).toBe(full);
    }
  });

  it("never asks a resting claim", () => {
    const resting = new Set(claims.slice(0, 100).map((c) => c.id));
    const questions = generateQuestions(claims, {
      count: 200,
      seed: 5,
      kind: "mixed",
      lang: "de",
      resting,
    });
    expect(questions.length).toBeGreaterThan(0);
    expect(questions.some((q) => resting.has(q.claimId))).toBe(false);
  });

  it("gives the same round for the same seed", () => {
    fc.assert(
      fc.property(options, (o) => {
        expect(generateQuestions(claims, o)).toEqual(generateQuestions([...claims].reverse(), o));
      }),
      { numRuns: 50 },
    );
  });

  it("fills the longest round Discord plays, of every kind, for any seed", () => {
    fc.assert(
      fc.property(options, (o) => {
        expect(generateQuestions(claims, { ...o, count: 20 })).toHaveLength(20);
      }),
      { numRuns: 60 },
    );
  });

  it("never puts two questions in a round that give each other away", () => {
    const answers = (c: QuizClaim) => both([...c.answers, ...c.accept]).map(normalizeAnswer);
    fc.assert(
      fc.property(options, (o) => {
        const asked = generateQuestions(claims, o).map((q) => byId.get(q.claimId) as QuizClaim);
        for (const [i, a] of asked.entries())
          for (const b of asked.slice(i + 1)) {
            expect(a.quote).not.toBe(b.quote);
            expect(a.passageId, `${a.id} and ${b.id} share a paragraph`).not.toBe(b.passageId);
            // The earlier question and the quote its reveal shows name no later answer.
            const shown = words(`${a.question[o.lang]} ${a.statement[o.lang]} ${a.quote}`);
            for (const answer of answers(b))
              expect(
                ` ${shown} `.includes(` ${words(answer)} `),
                `${a.id} names ${answer} of ${b.id}`,
              ).toBe(false);
          }
      }),
      { numRuns: 60 },
    );
  });

  it("mixes all three kinds in a mixed round", () => {
    for (const lang of ["de", "en"] as const)
      for (let seed = 0; seed < 5; seed++) {
        const kinds = new Set(
          generateQuestions(claims, { count: 20, seed, kind: "mixed", lang }).map((q) => q.kind),
        );
        expect([...kinds].sort()).toEqual(["mc", "tf", "typed"]);
      }
  });

  it("filters by article and topic", () => {
    const inArticle = generateQuestions(claims, {
      count: 50,
      seed: 3,
      kind: "mixed",
      lang: "de",
      article: "bezos-statt-musk",
    });
    expect(inArticle.length).toBeGreaterThan(0);
    expect(inArticle.every((q) => q.citation.articleId === "bezos-statt-musk")).toBe(true);
    const topic = generateQuestions(claims, {
      count: 50,
      seed: 3,
      kind: "mixed",
      lang: "en",
      topic: "space",
    });
    expect(topic.length).toBeGreaterThan(0);
    expect(topic.every((q) => byId.get(q.claimId)?.tags.includes("space"))).toBe(true);
    expect(
      generateQuestions(claims, {
        count: 5,
        seed: 3,
        kind: "mc",
        lang: "de",
        topic: "no-such-topic",
      }),
    ).toEqual([]);
  });

  it("offers numbers in the unit of the right answer", () => {
    const questions = generateQuestions(claims, { count: 200, seed: 7, kind: "mc", lang: "de" });
    const numeric = questions.filter((q) => byId.get(q.claimId)?.type === "number");
    expect(numeric.length).toBeGreaterThan(0);
    for (const q of numeric) {
      const unit = (q.options[q.correctIndex] as string).replace(/[\d.,]+/g, "#");
      if (!/\d/.test(q.options[q.correctIndex] as string)) continue;
      for (const option of q.options) {
        if (/\d/.test(option)) expect(option.replace(/[\d.,]+/g, "#")).toBe(unit);
      }
    }
  });
});

describe("numbers", () => {
  it("are never the right one and stay positive", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom("number" as const, "date" as const),
        (n, kind) => {
          const near = nearbyNumbers(n, kind);
          expect(near.length).toBeGreaterThanOrEqual(3);
          expect(near).not.toContain(n);
          expect(near.every((x) => x > 0)).toBe(true);
        },
      ),
    );
  });
});

describe("falsify", () => {
  it("swaps the answer, or just its number, for a distractor", () => {
    const c = claims.find(
      (x) => x.type === "number" && /\d/.test(x.statement.en) && /\d/.test(x.answers[0]?.en ?? ""),
    ) as QuizClaim;
    expect(c).toBeDefined();
    const made = falsify(c.statement.en, c, ["300 things"]);
    expect(made).not.toBeNull();
    expect(made).not.toBe(c.statement.en);
    expect(made).toContain("300");
  });
});

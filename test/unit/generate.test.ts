import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeAnswer } from "../../src/corpus/claims.ts";
import { loadCorpus } from "../../src/corpus/load.ts";
import { falsify, generateQuestions, TRUE_FALSE_LABELS } from "../../src/quiz/generate.ts";
import { nearbyNumbers } from "../../src/quiz/numbers.ts";
import type { QuizClaim } from "../../src/quiz/types.ts";
import { REPO_CORPUS } from "../support/temp-corpus.ts";

const claims: QuizClaim[] = loadCorpus(REPO_CORPUS).claims.map((c) => ({
  id: c.id,
  articleId: c.articleId,
  passageId: `${c.articleId}#1`,
  type: c.type,
  quote: c.quote,
  question: c.question,
  statement: c.statement,
  answers: c.answer,
  accept: c.accept,
  distractors: c.distractors,
  tags: c.tags,
}));
const byId = new Map(claims.map((c) => [c.id, c]));

const options = fc.record({
  count: fc.integer({ min: 1, max: 60 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  kind: fc.constantFrom("mc" as const, "tf" as const, "mixed" as const),
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
            const accepted = new Set([...claim.answers, ...claim.accept].map(normalizeAnswer));
            expect(claim.answers).toContain(q.options[q.correctIndex]);
            q.options.forEach((option, i) => {
              if (i !== q.correctIndex) expect(accepted.has(normalizeAnswer(option))).toBe(false);
            });
          } else {
            expect(q.options).toEqual(TRUE_FALSE_LABELS[o.lang]);
            expect(q.prompt === claim.statement[o.lang]).toBe(q.correctIndex === 0);
          }
          expect(q.citation.quote).toBe(claim.quote);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same round for the same seed", () => {
    fc.assert(
      fc.property(options, (o) => {
        expect(generateQuestions(claims, o)).toEqual(generateQuestions([...claims].reverse(), o));
      }),
      { numRuns: 50 },
    );
  });

  it("fills a 40-question round from the corpus", () => {
    expect(
      generateQuestions(claims, { count: 40, seed: 1, kind: "mixed", lang: "de" }),
    ).toHaveLength(40);
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
    const claim = byId.get("golden-dome-satelliten") ?? claims.find((c) => c.type === "number");
    expect(claim).toBeDefined();
    const c = claim as QuizClaim;
    const made = falsify(c.statement.en, c, ["99.999 Satelliten"]);
    expect(made).not.toBeNull();
    expect(made).not.toBe(c.statement.en);
  });
});

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseClaimFile } from "../../src/corpus/claims.ts";
import {
  claimYear,
  entityOf,
  existedIn,
  lacking,
  parseEntities,
} from "../../src/corpus/entities.ts";
import { loadCorpus } from "../../src/corpus/load.ts";
import type { CorpusProblem } from "../../src/corpus/problems.ts";
import { generateQuestions } from "../../src/quiz/generate.ts";
import type { QuizClaim } from "../../src/quiz/types.ts";
import { REPO_CORPUS } from "../support/temp-corpus.ts";

const ENTITIES = `SpaceX: {kind: company, owner: Elon Musk, field: [space], since: 2002, aka: [Space X]}
Tesla: {kind: company, owner: Elon Musk, field: [cars], since: 2003}
Neuralink: {kind: company, owner: Elon Musk, field: [neurotechnology], since: 2016}
Blue Origin: {kind: company, owner: Jeff Bezos, field: [space], since: 2000}
Rocket Lab: {kind: company, field: [space], since: 2006}
Relativity Space: {kind: company, field: [space], since: 2015}
Threads: {kind: platform, owner: Meta, field: [social-media], since: 2023}
Facebook: {kind: platform, owner: Meta, field: [social-media], since: 2004}
WhatsApp: {kind: platform, owner: Meta, field: [messaging], since: 2009}
Instagram: {kind: platform, owner: Meta, field: [social-media], since: 2010}
Oculus: {kind: platform, owner: Meta, field: [virtual-reality], since: 2012}
`;

const BODY =
  "Musks Space X konkurriert um Aufträge.\n\nFacebook hatte nach dem Sturm aufs Kapitol 2021 Trumps Account gesperrt.";

const claim = (id: string, fields: string) => `- id: ${id}
  type: organisation
  tags: [space]
${fields}`;

const SPACE = (distractors: string, asks: string) =>
  claim(
    "space-rival",
    `  quote: "Musks Space X konkurriert um Aufträge."
  question: {de: "Mit welcher Raumfahrtfirma konkurriert man um Aufträge?", en: "Which space company competes for contracts?"}
  answer: [{de: Space X, en: SpaceX}]
  statement: {de: "Musks Space X konkurriert um Aufträge.", en: "Musk's SpaceX competes for contracts."}
  distractors: [${distractors}]
  asks: ${asks}
`,
  );

const BLOCKED = (distractors: string) =>
  claim(
    "blocked",
    `  quote: "Facebook hatte nach dem Sturm aufs Kapitol 2021 Trumps Account gesperrt."
  question: {de: "Welche Plattform sperrte im Januar 2021 Trumps Account?", en: "Which platform blocked Trump's account in January 2021?"}
  answer: [Facebook]
  statement: {de: "Facebook sperrte 2021 Trumps Account.", en: "Facebook blocked Trump's account in 2021."}
  distractors: [${distractors}]
`,
  );

function check(yaml: string) {
  const problems: CorpusProblem[] = [];
  const entities = parseEntities("corpus/entities.yaml", ENTITIES, problems);
  expect(problems).toEqual([]);
  return parseClaimFile(
    "claims/a.yaml",
    "a",
    yaml,
    { body: BODY, date: "2025" },
    "corpus",
    entities,
  );
}

describe("entities and what a question asks of its options", () => {
  it("refuses a distractor that lacks what the question names, at its line", () => {
    const result = check(SPACE("Tesla, Blue Origin, Rocket Lab", "{field: space}"));
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 8,
        message: expect.stringContaining('"Tesla" is not in space'),
      }),
    ]);
  });

  it("fills the options with entities that have what the question names, nothing borrowed", () => {
    const result = check(SPACE("Blue Origin", "{field: space}"));
    expect(result.problems).toEqual([]);
    const [parsed] = result.claims;
    expect(parsed?.borrow).toBe(false);
    expect(parsed?.distractors.map((d) => d.en).sort()).toEqual([
      "Blue Origin",
      "Relativity Space",
      "Rocket Lab",
    ]);
  });

  it("says when too few entities have what the question names", () => {
    const result = check(SPACE("Tesla", "{owner: Elon Musk, field: space}"));
    expect(result.problems.map((p) => p.message).join("\n")).toMatch(/"Tesla" is not in space/);
    const few = check(SPACE("", "{owner: Elon Musk}"));
    expect(few.problems.map((p) => p.message).join("\n")).toMatch(/only 2 wrong options/);
  });

  it("refuses a distractor that did not exist at the time the question is about", () => {
    const result = check(BLOCKED("Threads, WhatsApp, Oculus"));
    expect(result.problems).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('"Threads" did not exist in 2021'),
      }),
    ]);
    const fine = check(BLOCKED("WhatsApp, Oculus, Instagram"));
    expect(fine.claims[0]?.notOffered).toContain("Threads");
  });

  it("reports a bad entity file at its line", () => {
    const problems: CorpusProblem[] = [];
    parseEntities(
      "corpus/entities.yaml",
      "A: {kind: company}\nB: {kind: Firma, since: 'x'}\n",
      problems,
    );
    expect(problems.map((p) => p.line)).toEqual([2, 2]);
  });

  it("judges attributes and existence", () => {
    const entities = parseEntities("e.yaml", ENTITIES, []);
    const spacex = entityOf(entities, "Space X");
    expect(spacex?.name).toBe("SpaceX");
    expect(spacex && lacking(spacex, { owner: "elon musk", field: "space" })).toBeUndefined();
    expect(spacex && lacking(spacex, { kind: ["platform"] })).toBe("is a company");
    expect(spacex && existedIn(spacex, 2001)).toBe(false);
    expect(claimYear(undefined, { de: "Im Januar 2021 und 2025?", en: "?" }, "2025")).toBe(2021);
    expect(claimYear(2019, { de: "2021?", en: "?" }, "2025")).toBe(2019);
  });
});

describe("the corpus's questions", () => {
  const corpus = loadCorpus(REPO_CORPUS);
  const byId = new Map(corpus.claims.map((c) => [c.id, c]));
  const dates = new Map(corpus.articles.map((a) => [a.id, a.meta.date]));
  const claims: QuizClaim[] = corpus.claims.map((c) => ({
    ...c,
    answers: c.answer,
    passageId: `${c.articleId}#1`,
    articleDate: dates.get(c.articleId) ?? null,
  }));
  const entities = parseEntities("e", readFileSync(`${REPO_CORPUS}/entities.yaml`, "utf8"), []);

  it("offer only options that have what the question names and existed at its time", () => {
    expect(entities.size).toBeGreaterThan(0);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom("de" as const, "en" as const),
        (seed, lang) => {
          for (const q of generateQuestions(claims, { count: 60, seed, kind: "mc", lang })) {
            const c = byId.get(q.claimId);
            if (!c) throw new Error(q.claimId);
            const year = claimYear(c.when, c.question, dates.get(c.articleId));
            for (const option of q.options) {
              const entity = entityOf(entities, option);
              if (c.asks)
                expect(entity && lacking(entity, c.asks), `${c.id}: ${option}`).toBeUndefined();
              if (entity && year !== undefined)
                expect(existedIn(entity, year), `${c.id}: ${option} in ${year}`).toBe(true);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});

import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseClaimFile } from "../../src/corpus/claims.ts";
import { loadCorpus } from "../../src/corpus/load.ts";
import { formatProblem } from "../../src/corpus/problems.ts";
import { article, REPO_CORPUS, tempCorpus } from "../support/temp-corpus.ts";

const BODY =
  "Die Plätze in der ersten Reihe waren für Mark Zuckerberg von Meta und Jeff Bezos von Amazon reserviert.\n\nDer Schild soll 175 Milliarden Dollar kosten.";

const VALID = `- id: erste-reihe
  quote: "Die Plätze in der ersten Reihe waren für Mark Zuckerberg von Meta und Jeff Bezos von Amazon reserviert."
  question:
    de: Wer saß in der ersten Reihe?
    en: Who sat in the front row?
  answer: [Mark Zuckerberg, Jeff Bezos]
  accept: [Zuckerberg, Bezos]
  type: person
  statement:
    de: In der ersten Reihe saßen Mark Zuckerberg und Jeff Bezos.
    en: Mark Zuckerberg and Jeff Bezos sat in the front row.
  distractors: [Tim Cook, Sam Altman, Shou Zi Chew]
  tags: [inauguration]
- id: schild-kosten
  quote: "Der Schild soll 175 Milliarden Dollar kosten."
  question:
    de: Wie viel soll der Schild kosten?
    en: How much is the shield to cost?
  answer: [175 Milliarden Dollar]
  type: number
  statement:
    de: Der Schild soll 175 Milliarden Dollar kosten.
    en: The shield is to cost 175 billion dollars.
  tags: [space]
`;

const check = (source: string, body: string | undefined = BODY) =>
  parseClaimFile("corpus/claims/beispiel.yaml", "beispiel", source, body);

describe("the repository's claims", () => {
  const corpus = loadCorpus(REPO_CORPUS);

  it("all pass validation", () => {
    expect(corpus.problems.map(formatProblem)).toEqual([]);
  });

  it("are enough, spread over every article, with numbers and dates", () => {
    expect(corpus.claims.length).toBeGreaterThanOrEqual(45);
    for (const a of corpus.articles) {
      expect(corpus.claims.filter((c) => c.articleId === a.id).length).toBeGreaterThanOrEqual(6);
    }
    expect(
      corpus.claims.filter((c) => c.type === "number" || c.type === "date").length,
    ).toBeGreaterThanOrEqual(8);
  });
});

describe("parseClaimFile", () => {
  it("accepts a valid file and locates each quote", () => {
    const { claims, problems } = check(VALID);
    expect(problems).toEqual([]);
    expect(claims.map((c) => [c.id, c.line])).toEqual([
      ["erste-reihe", 1],
      ["schild-kosten", 14],
    ]);
    const first = claims[0];
    expect(BODY.slice(first?.quoteStart, first?.quoteEnd)).toBe(first?.quote);
  });

  it.each([
    [
      "an unknown field",
      VALID.replace("  tags: [inauguration]", "  tags: [inauguration]\n  colour: blue"),
      14,
      'unknown field "colour"',
    ],
    [
      "a quote not in the article",
      VALID.replace("ersten Reihe waren", "zweiten Reihe waren"),
      2,
      "quote does not occur in corpus/articles/beispiel.md",
    ],
    [
      "an answer not in the quote",
      VALID.replace(
        "answer: [Mark Zuckerberg, Jeff Bezos]",
        "answer: [Mark Zuckerberg, Tim Apple]",
      ),
      6,
      'answer "Tim Apple" does not occur in the quote',
    ],
    [
      "a distractor that is an accepted answer",
      VALID.replace("distractors: [Tim Cook,", "distractors: [bezos,"),
      12,
      'distractor "bezos" is also an accepted answer',
    ],
    [
      "an empty question",
      VALID.replace("de: Wer saß in der ersten Reihe?", 'de: ""'),
      4,
      "question.de: must not be empty",
    ],
    [
      "an over-long answer",
      VALID.replace("answer: [175 Milliarden Dollar]", `answer: [${"x".repeat(81)}]`),
      19,
      "answer.0: is too long (at most 80 characters)",
    ],
    [
      "a statement without the answer",
      VALID.replace(
        "en: Mark Zuckerberg and Jeff Bezos sat in the front row.",
        "en: Two founders sat in the front row.",
      ),
      11,
      "statement.en must contain an answer",
    ],
    [
      "a number statement without the number",
      VALID.replace(
        "en: The shield is to cost 175 billion dollars.",
        "en: The shield is expensive.",
      ),
      23,
      "statement.en must contain an answer or its number",
    ],
    ["a bad type", VALID.replace("type: person", "type: animal"), 8, "type: Invalid option"],
    [
      "a list given as a mapping",
      VALID.replace("tags: [space]", "tags: {a: b}"),
      24,
      "tags: Invalid input",
    ],
  ])("reports %s with its line", (_name, source, line, message) => {
    const { problems } = check(source);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(line);
    expect(problems[0]?.message).toContain(message);
  });

  it("reports every problem of a file at once", () => {
    const broken = VALID.replace("type: person", "type: animal")
      .replace("ersten Reihe waren", "zweiten Reihe waren")
      .replace("en: The shield is to cost 175 billion dollars.", "en: The shield is expensive.");
    expect(check(broken).problems.map((p) => p.line)).toEqual([8, 23]);
  });

  it.each([
    ["not a list", "id: x\n", 1, "expected a list of claims"],
    ["empty", "", 1, "claim file is empty"],
    ["broken YAML", "- id: x\n  quote: [unclosed\n", 3, ""],
  ])("rejects a file that is %s", (_name, source, line, message) => {
    const { problems } = check(source);
    expect(problems[0]?.line).toBe(line);
    expect(problems[0]?.message).toContain(message);
  });

  it("rejects claims of an article that does not exist", () => {
    const { problems } = parseClaimFile(
      "corpus/claims/beispiel.yaml",
      "beispiel",
      VALID,
      undefined,
    );
    expect(problems[0]?.message).toContain('no article "beispiel"');
  });
});

describe("loading a corpus with claims", () => {
  it("reports a claim id used twice, pointing at the first use", () => {
    const corpus = tempCorpus({ "beispiel.md": article(BODY) });
    try {
      mkdirSync(`${corpus.dir}/claims`);
      writeFileSync(
        `${corpus.dir}/claims/beispiel.yaml`,
        `${VALID}${VALID.split("- id: schild-kosten")[0]?.replace("- id: erste-reihe", "- id: erste-reihe")}`,
      );
      const problems = loadCorpus(corpus.dir).problems.map(formatProblem);
      expect(problems).toEqual([
        expect.stringMatching(
          /beispiel\.yaml:25: duplicate claim id "erste-reihe" \(first at .*beispiel\.yaml:1\)$/,
        ),
      ]);
    } finally {
      corpus.cleanup();
    }
  });
});

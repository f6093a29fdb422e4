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
    de: Wer war einer der Gäste in der ersten Reihe?
    en: Who was one of the guests in the front row?
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
  answer:
    - {de: 175 Milliarden Dollar, en: 175 billion dollars}
  type: number
  statement:
    de: Der Schild soll 175 Milliarden Dollar kosten.
    en: The shield is to cost 175 billion dollars.
  tags: [space]
`;

const TAGS =
  "inauguration: {de: Amtseinführung, en: Inauguration}\nspace: {de: Raumfahrt, en: Space}\n";

const check = (source: string, body: string = BODY) =>
  parseClaimFile("corpus/claims/beispiel.yaml", "beispiel", source, { body, date: "2025-01" });

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
      VALID.replace("distractors: [Tim Cook,", "distractors: [jeff  BEZOS,"),
      12,
      'distractor "jeff  BEZOS" is also an accepted answer',
    ],
    [
      "an empty question",
      VALID.replace("de: Wer war einer der Gäste in der ersten Reihe?", 'de: ""'),
      4,
      "question.de: must not be empty",
    ],
    [
      "an over-long answer",
      VALID.replace(
        "- {de: 175 Milliarden Dollar, en: 175 billion dollars}",
        `- ${"x".repeat(81)}`,
      ),
      20,
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
      24,
      "statement.en must contain an answer or its number",
    ],
    ["a bad type", VALID.replace("type: person", "type: animal"), 8, "type: Invalid option"],
    [
      "a list given as a mapping",
      VALID.replace("tags: [space]", "tags: {a: b}"),
      25,
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
    expect(check(broken).problems.map((p) => p.line)).toEqual([8, 24]);
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
      writeFileSync(`${corpus.dir}/tags.yaml`, TAGS);
      writeFileSync(
        `${corpus.dir}/claims/beispiel.yaml`,
        `${VALID}${VALID.split("- id: schild-kosten")[0]?.replace("- id: erste-reihe", "- id: erste-reihe")}`,
      );
      const problems = loadCorpus(corpus.dir).problems.map(formatProblem);
      expect(problems).toEqual([
        expect.stringMatching(
          /beispiel\.yaml:26: duplicate claim id "erste-reihe" \(first at .*beispiel\.yaml:1\)$/,
        ),
      ]);
    } finally {
      corpus.cleanup();
    }
  });
});

describe("the rules that keep questions sound", () => {
  it.each([
    [
      "a false statement that still holds a right answer",
      VALID.replace(
        "  tags: [space]",
        "  false_statements:\n    - {de: Der Schild soll 90 Milliarden Dollar kosten., en: The shield is to cost 175 billion euros.}\n  tags: [space]",
      ),
      26,
      "a false statement still holds a right answer",
    ],
    [
      "a question that points at an unnamed article",
      VALID.replace(
        "de: Wie viel soll der Schild kosten?",
        "de: Was kostet laut dem Beitrag der Schild?",
      ),
      17,
      "does not stand alone",
    ],
    [
      "a question with a demonstrative and nothing before it",
      VALID.replace(
        "en: Who was one of the guests in the front row?",
        "en: Who was one of these billionaires in the front row?",
      ),
      5,
      "does not stand alone",
    ],
    [
      "a true/false statement that calls a law “the law” without naming it",
      VALID.replace(
        "en: The shield is to cost 175 billion dollars.",
        "en: The law makes the shield cost 175 billion dollars.",
      ),
      24,
      "does not stand alone",
    ],
    [
      "a German answer in an English round",
      VALID.replace(
        "- {de: 175 Milliarden Dollar, en: 175 billion dollars}",
        "- 175 Milliarden Dollar",
      ),
      20,
      "reads as German in an English round",
    ],
    [
      "a distractor later than the article",
      VALID.replace(
        "  tags: [space]",
        "  distractors:\n    - {de: 300 Milliarden Dollar im Jahr 2027, en: 300 billion dollars in 2027}\n  tags: [space]",
      ),
      26,
      "later than the article (2025)",
    ],
    [
      "a question with two right answers that asks for only one",
      VALID.replace(
        "de: Wer war einer der Gäste in der ersten Reihe?",
        "de: Wer saß in der ersten Reihe?",
      ),
      4,
      "has 2 answers but one option is right",
    ],
    [
      "a surname among full names",
      VALID.replace("distractors: [Tim Cook,", "distractors: [Cook,"),
      12,
      "options differ in form",
    ],
  ])("rejects %s", (_name, source, line, message) => {
    const { problems } = check(source);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining(message)]);
    expect(problems[0]?.line).toBe(line);
  });

  it("rejects an accepted number that YAML cut at its thousands comma", () => {
    const { problems } = check(
      VALID.replace(
        "    - {de: 175 Milliarden Dollar, en: 175 billion dollars}",
        "    - {de: 175 Milliarden Dollar, en: 175 billion dollars}\n  accept: [about 175, about 1,750]",
      ),
    );
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [21, expect.stringContaining('"about 1" names another number than the answer')],
      [21, expect.stringContaining('"750" names another number than the answer')],
    ]);
  });

  it("reports a tag that has no labels", () => {
    const corpus = tempCorpus({ "beispiel.md": article(BODY) });
    try {
      mkdirSync(`${corpus.dir}/claims`);
      writeFileSync(`${corpus.dir}/tags.yaml`, "space: {de: Raumfahrt, en: Space}\n");
      writeFileSync(`${corpus.dir}/claims/beispiel.yaml`, VALID);
      expect(loadCorpus(corpus.dir).problems.map(formatProblem)).toEqual([
        expect.stringMatching(
          /beispiel\.yaml:1: tag "inauguration" has no labels in .*tags\.yaml$/,
        ),
      ]);
    } finally {
      corpus.cleanup();
    }
  });
});

describe("a server's claims file", () => {
  it("names the server's article as the server knows it, not by the index's copy", () => {
    const source = `- id: mond\n  quote: "Kein solcher Satz."\n  question: {de: "Wer baut die Station?"}\n  answer: [Regolith]\n  type: organisation\n`;
    const { problems } = parseClaimFile(
      "mond.yaml",
      "g200000000000000001-mondbasis",
      source,
      { body: "Regolith baut die Station.", date: undefined },
      "library",
    );
    expect(problems.map((p) => p.message)).toContain(
      "quote does not occur in the article mondbasis",
    );
  });
});

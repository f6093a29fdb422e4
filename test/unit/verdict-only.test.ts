import { describe, expect, it } from "vitest";
import { analyze } from "../../src/search/analyzer.ts";
import { type Bridges, expandQuery } from "../../src/search/expand.ts";
import { QueryMatcher } from "../../src/search/matcher.ts";
import { searchStems } from "../../src/search/query.ts";
import { judge, queryEvidence } from "../../src/search/verdict.ts";
import { WordLists } from "../../src/search/word-lists.ts";
import { vocabularyOver } from "../support/small-corpus.ts";

const PASSAGE = "Die Unternehmen von Musk bekommen Aufträge.";
/** The corpus uses "Firmen" elsewhere, so the query word finds its own passages. */
const CORPUS = [PASSAGE, "Zwei Firmen schweigen."];

const bridges: Bridges = {
  synonyms: (stem) => (stem === "firm" ? ["unternehm"] : []),
  translations: () => [],
};

function aligned(query: string) {
  const vocabulary = vocabularyOver(CORPUS);
  const matcher = new QueryMatcher(expandQuery(query, vocabulary, bridges), (s) =>
    vocabulary.idf(s),
  );
  const terms = analyze(PASSAGE);
  const asked = queryEvidence(query, false, matcher, new WordLists(), vocabulary.idf(""));
  return { matcher, terms, evidence: judge(asked, matcher, terms, PASSAGE) };
}

describe("a synonym of a word the corpus uses", () => {
  it("is evidence for the verdict", () => {
    const { evidence } = aligned("Musk bekommt Aufträge für seine Firmen");
    expect(evidence.missing).toEqual([]);
    expect(evidence.verdict).toBe("backs");
  });

  it("neither finds nor ranks passages", () => {
    const { matcher, terms } = aligned("Firmen");
    const forms = matcher.concepts[0]?.forms ?? [];
    expect(forms.find((f) => f.stem === "unternehm")?.verdictOnly).toBe(true);
    expect(searchStems(matcher.concepts)).not.toContain("unternehm");
    expect(matcher.score(terms.map((t) => t.stem)).coverage).toBe(0);
    expect(matcher.align(terms.map((t) => t.stem)).evidence[0]).toBeGreaterThan(0);
  });
});

describe("the other number of a noun that the stemmer parts", () => {
  it("is evidence: 'Firmen' is held by 'Firma', 'Zentren' by 'Zentrum'", () => {
    const vocabulary = vocabularyOver(["Seine Firma baut ein Zentrum.", "Andere Texte."]);
    const forms = (query: string) =>
      expandQuery(query, vocabulary).flatMap((c) => c.forms.filter((f) => f.verdictOnly));
    expect(forms("Firmen").map((f) => f.stem)).toEqual(["firma"]);
    expect(searchStems(expandQuery("Firmen", vocabulary))).toEqual(["firm"]);
    expect(forms("Zentren").map((f) => f.stem)).toEqual(["zentrum"]);
    expect(forms("Firma")).toEqual([]);
  });
});

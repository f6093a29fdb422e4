import { describe, expect, it } from "vitest";
import { analyze } from "../../src/search/analyzer.ts";
import { expandQuery } from "../../src/search/expand.ts";
import { QueryMatcher } from "../../src/search/matcher.ts";
import { NAME_PART_CREDIT, namePartCredits } from "../../src/search/names.ts";
import { Vocabulary } from "../../src/search/vocabulary.ts";

/** The credit cap per query word (as typed) for a passage, every word required. */
function caps(query: string, passage: string): Record<string, number> {
  const terms = analyze(passage);
  const vocabulary = new Vocabulary(new Map(terms.map((t) => [t.stem, 1])), 10);
  const matcher = new QueryMatcher(expandQuery(query, vocabulary), (s) => vocabulary.idf(s));
  const required = matcher.concepts.map(() => true);
  const { positions } = matcher.align(terms.map((t) => t.stem));
  const credits = namePartCredits(required, matcher, positions, terms, passage);
  return Object.fromEntries(
    [...credits].map(([concept, credit]) => [matcher.concepts[concept]?.word, credit]),
  );
}

describe("a required word that a passage holds only as the start of a longer name", () => {
  it("counts as a part of another name: 'Tim' of 'Tim Cook'", () => {
    const tim = caps("Tim kommt später", "Tim Cook von Apple saß hinten.");
    expect(tim).toEqual({ Tim: NAME_PART_CREDIT });
    expect(tim.Tim).toBeLessThan(0.5);
  });

  it("counts in full when the query goes on with the name, or the passage holds it alone", () => {
    expect(caps("Tim Cook saß hinten", "Tim Cook von Apple saß hinten.")).toMatchObject({
      Tim: 1,
      Cook: 1,
    });
    expect(caps("Tim kommt", "Das sagte Tim Cook, und Tim lachte.")).toEqual({ Tim: 1 });
    expect(caps("Musk", "Elon Musk schweigt.")).toEqual({ Musk: 1 });
  });
});

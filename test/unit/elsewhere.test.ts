import { describe, expect, it } from "vitest";
import { analyze } from "../../src/search/analyzer.ts";
import { speaksAsGroup } from "../../src/search/chat-frame.ts";
import { expandQuery } from "../../src/search/expand.ts";
import { QueryMatcher } from "../../src/search/matcher.ts";
import { firstVerdict, judge, queryEvidence } from "../../src/search/verdict.ts";
import { mentions } from "../../src/search/vocabulary.ts";
import { WordLists } from "../../src/search/word-lists.ts";
import { vocabularyOver } from "../support/small-corpus.ts";

const PASSAGE =
  "Musk verkauft seit 2012 jedes Jahr mehr Tesla-Autos, und der Platz vor dem Werk in Texas ist voll.";
const CORPUS = [PASSAGE, "Trump regiert mit Dekreten.", "Bezos kauft Zeitungen und Raketen."];

/** The answer when PASSAGE comes first; `known` says which stems the corpus holds. */
function answer(query: string, known: "corpus" | "everything" = "corpus") {
  const vocabulary = vocabularyOver(CORPUS);
  const matcher = new QueryMatcher(expandQuery(query, vocabulary), (s) => vocabulary.idf(s));
  const asked = queryEvidence(
    query,
    false,
    matcher,
    new WordLists(),
    vocabulary.idf(""),
    undefined,
    known === "corpus" ? (stem) => mentions(vocabulary, stem) : () => true,
  );
  // The query's share that the corpus never mentions, beside the answer.
  return {
    ...firstVerdict(asked, judge(asked, matcher, analyze(PASSAGE), PASSAGE)),
    unmentioned: asked.unmentioned,
  };
}

describe("a message speaking as or to the group", () => {
  it("is told by first and second person and 'jemand', not by 'ihr' or 'US'", () => {
    expect(speaksAsGroup("mein Nachbar fährt Tesla")).toBe(true);
    expect(speaksAsGroup("hat jemand die Folien?")).toBe(true);
    expect(speaksAsGroup("can you send the notes")).toBe(true);
    expect(speaksAsGroup("Musk und Ihr Unternehmen")).toBe(false);
    expect(speaksAsGroup("das US-Militär setzt auf SpaceX")).toBe(false);
  });
});

describe("a query about what the corpus never mentions", () => {
  it("gets no source when it speaks as the group and the passage shares only chance words", () => {
    const chat = "mein Nachbar fährt jetzt Tesla und parkt ständig auf meinem Platz";
    expect(answer(chat).verdict).toBe("none");
    expect(answer(chat).unmentioned).toBeGreaterThan(0.2);
    // The same alignment, had the corpus mentioned every word: a passage holding Tesla.
    expect(answer(chat, "everything").verdict).toBe("partial");
  });

  it("gets no source when most of it is unmentioned, speaking or not", () => {
    const chat = "Nachbarn parken Lastenfahrräder vor der Mensa, Tesla";
    expect(answer(chat).verdict).toBe("none");
    expect(answer(chat, "everything").verdict).not.toBe("none");
  });

  it("keeps a claim on the corpus's topics partial, with what is missing named", () => {
    const claim = answer("Musk verkauft jedes Jahr mehr Tesla-Autos in Japan");
    expect(claim.verdict).toBe("partial");
    expect(claim.missing).toEqual(["Japan"]);
  });

  it("keeps a chat-framed claim that the passage holds", () => {
    expect(
      answer("hab gelesen, dass Musk jedes Jahr mehr Tesla-Autos verkauft, oder?").verdict,
    ).toBe("backs");
    expect(answer("ich hab gehört, Musk verkauft mehr Teslas in Texas").verdict).not.toBe("none");
  });
});

describe("a message that speaks as or to the group", () => {
  it("needs more of itself in the passage than other queries", () => {
    // Every word is in the corpus, so only the stricter bar can make it "none".
    expect(answer("wir sehen Raketen, Dekrete und Zeitungen in Texas", "everything").verdict).toBe(
      "none",
    );
    expect(answer("man sieht Raketen, Dekrete und Zeitungen in Texas", "everything").verdict).toBe(
      "partial",
    );
  });
});

describe("a query of numbers only", () => {
  it("is no claim when it is a bare small number; a year or an amount is looked for anywhere", () => {
    expect(answer("+1").verdict).toBe("none");
    expect(answer("2").verdict).toBe("none");
    expect(answer("2012").verdict).toBe("backs");
    expect(answer("2003").verdict).not.toBe("backs");
  });
});

describe("the numbers of a query with words", () => {
  it("count towards the coverage: a passage lacking them holds less of the query", () => {
    const claim = answer("Musk verkauft seit 2012 jedes Jahr mehr Tesla-Autos");
    expect(claim.verdict).toBe("backs");
    const other = answer("Musk verkauft jedes Jahr mehr Tesla-Autos für 40.000 Dollar");
    expect(other.missing).toEqual(["40.000 Dollar"]);
    expect(claim.coverage).toBeCloseTo(1);
    expect(other.coverage).toBeLessThan(0.95);
  });
});

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/search/analyzer.ts";
import { type Bridges, expandQuery } from "../../src/search/expand.ts";
import { fillerStarts } from "../../src/search/filler.ts";
import { highlight } from "../../src/search/highlight.ts";
import { QueryMatcher } from "../../src/search/matcher.ts";
import { tokenize } from "../../src/search/tokenize.ts";
import { understoodIn } from "../../src/search/understood.ts";
import { firstVerdict, judge, queryEvidence } from "../../src/search/verdict.ts";
import { Vocabulary } from "../../src/search/vocabulary.ts";
import { WordLists } from "../../src/search/word-lists.ts";

/** The words of a text that fillerStarts leaves out. */
function left(text: string): string[] {
  const starts = fillerStarts(tokenize(text), text);
  return tokenize(text)
    .filter((t) => !t.joined && starts.has(t.start))
    .map((t) => text.slice(t.start, t.end));
}

describe("words that name a text being read", () => {
  it("are the document word and the topic right before it or joined to it", () => {
    expect(left("wer übernimmt den teil zum buddy economy text?")).toEqual([
      "buddy",
      "economy",
      "text",
    ]);
    expect(left("Wer macht die Zusammenfassung vom Technofeudalismus-Text?")).toEqual([
      "Technofeudalismus",
      "Text",
    ]);
    expect(left("did you read the Bezos article yet")).toContain("Bezos");
  });

  it("are not what follows it, nor a number, nor words across punctuation", () => {
    expect(left("Was steht im Text über DOGE?")).not.toContain("DOGE");
    expect(left("2024 Artikel")).toEqual(["Artikel"]);
    expect(left("Bezos, Text")).toEqual(["Text"]);
    expect(left("Die Text-Analyse")).not.toContain("Analyse");
  });
});

const vocabularyOf = (text: string) =>
  new Vocabulary(new Map(analyze(text).map((t) => [t.stem, 1])), 10);

/** Word lists that know a few words, as the Debian lists would; their files are removed after. */
async function someWords(german: string[], english: string[]): Promise<WordLists> {
  const dir = await mkdtemp(join(tmpdir(), "beleg-words-"));
  try {
    await writeFile(join(dir, "de"), german.join("\n"));
    await writeFile(join(dir, "en"), english.join("\n"));
    const lists = new WordLists();
    await lists.load({ german: join(dir, "de"), english: join(dir, "en") });
    return lists;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("function words of the other language", () => {
  it("are left out of a German query when they are no German words", async () => {
    const passage = "The Intercept fragte 39 Firmen, Folge zwei.";
    const words = await someWords(["Folge", "neu", "Not"], ["the", "bear", "not"]);
    const concepts = expandQuery(
      "die neue Folge von the bear",
      vocabularyOf(passage),
      undefined,
      words,
    );
    expect(concepts.map((c) => c.word)).toEqual(["neue", "Folge", "bear"]);
    const not = expandQuery(
      "Menschen geraten wegen der Zölle in Not",
      vocabularyOf(passage),
      undefined,
      words,
    );
    expect(not.map((c) => c.word)).toContain("Not");
  });

  it("include English contractions and indefinite pronouns", () => {
    const concepts = expandQuery("who's bringing coffee for everyone", vocabularyOf("Kaffee"));
    expect(concepts.map((c) => c.word)).toEqual(["bringing", "coffee"]);
  });
});

/** A German query's answer on one passage, with the alignment that gave it. */
function judgedOn(passage: string, bridges: Bridges, query: string, words = new WordLists()) {
  const terms = analyze(passage);
  const vocabulary = vocabularyOf(passage);
  const matcher = new QueryMatcher(expandQuery(query, vocabulary, bridges), (s) =>
    vocabulary.idf(s),
  );
  const asked = queryEvidence(query, false, matcher, words, vocabulary.idf(""), bridges.commonness);
  return { matcher, terms, evidence: firstVerdict(asked, judge(asked, matcher, terms, passage)) };
}

describe("an everyday word as a synonym", () => {
  const passage = "Im Text steht, dass Musk Raketen baut.";
  const entries: Record<string, number> = { steht: 300 };
  const bridges: Bridges = {
    synonyms: (stem) => (stem === "les" ? ["steht"] : stem.startsWith("flugk") ? ["raket"] : []),
    translations: () => [],
    commonness: (stem) => entries[stem] ?? 0,
  };

  const judged = (query: string) => judgedOn(passage, bridges, query);

  it("still finds the passage but is no evidence, no bold and no 'read as'", () => {
    const { matcher, terms, evidence } = judged("zäh zu lesen");
    expect(matcher.score(terms.map((t) => t.stem)).coverage).toBeGreaterThan(0);
    expect(evidence.verdict).toBe("none");
    expect(highlight(passage, terms, matcher)).toEqual([]);
    expect(understoodIn(passage, terms, matcher)).toEqual([]);
  });

  it("leaves other synonyms as evidence", () => {
    const { matcher, terms } = judged("Musk Flugkörper");
    expect(understoodIn(passage, terms, matcher).map((u) => u.to)).toEqual(["Raketen"]);
  });
});

describe("a German query's unknown word", () => {
  it("is translated only when it is an English word", async () => {
    const passage = "Bezos heiratete in Venedig und äußerte sich.";
    const words = await someWords(["hören", "Hochzeit"], ["wedding", "hear"]);
    const bridges: Bridges = {
      synonyms: () => [],
      translations: (english) =>
        english === "hor"
          ? [{ german: "ausser", weight: 1 }]
          : english === "wed"
            ? [{ german: "heirat", weight: 1 }]
            : [],
    };
    const origins = (query: string) =>
      expandQuery(query, vocabularyOf(passage), bridges, words).flatMap((c) =>
        c.forms.map((f) => f.origin),
      );
    expect(origins("ich hör den podcast")).not.toContain("translation");
    expect(origins("seine wedding in Venedig")).toContain("translation");
  });

  it("gets no synonyms of the word its stem also is: 'boomer' is no 'Boom'", async () => {
    const passage = "Bezos feierte in Venedig Hochzeit.";
    const words = await someWords(["Boom", "Hochzeit"], ["wedding"]);
    const bridges: Bridges = {
      synonyms: (stem) =>
        stem === "boom" ? ["hochzeit"] : stem === "modezeitschrift" ? ["zeitschrift"] : [],
      translations: () => [],
    };
    const synonyms = (query: string) =>
      expandQuery(query, vocabularyOf(passage), bridges, words).flatMap((c) =>
        c.forms.filter((f) => f.origin === "synonym").map((f) => f.stem),
      );
    expect(synonyms("ok boomer")).toEqual([]);
    expect(synonyms("der Boom")).toEqual(["hochzeit"]);
    // A compound no list has keeps its synonyms: its stem is no other word.
    expect(synonyms("eine Modezeitschrift")).toEqual(["zeitschrift"]);
  });
});

describe("a passage holding only everyday words of a query", () => {
  it("is no source however large a share of the query they are; numbers alone still are", () => {
    const passage = "Heute kommt er nach Venedig, 175 Milliarden Dollar im Gepäck.";
    const entries: Record<string, number> = { heut: 1500, komm: 1500 };
    const bridges: Bridges = {
      synonyms: () => [],
      translations: () => [],
      commonness: (stem) => entries[stem] ?? 0,
    };
    const verdict = (query: string) => judgedOn(passage, bridges, query).evidence.verdict;
    expect(verdict("komm heut")).toBe("none");
    expect(verdict("175 Milliarden Dollar")).not.toBe("none");
    expect(verdict("komm heut nach Venedig")).not.toBe("none");
  });
});

describe("a capital at the start of a German query", () => {
  it("marks a name when it is no German word", async () => {
    const passage = "Bezos spendete eine Million Dollar für die Feier.";
    const bridges: Bridges = { synonyms: () => [], translations: () => [] };
    const words = await someWords(["hat", "spenden", "Million", "Dollar"], ["meta", "has"]);
    const judged = (query: string) => judgedOn(passage, bridges, query, words).evidence;
    expect(judged("Meta hat eine Million Dollar gespendet").missing).toEqual(["Meta"]);
    expect(judged("Hat Bezos eine Million Dollar gespendet").missing).toEqual([]);
  });

  it("and of any later sentence: a German word there is no name", async () => {
    const passage = "Bezos gab eine Million Dollar für die Feier.";
    const bridges: Bridges = { synonyms: () => [], translations: () => [] };
    const words = await someWords(["spendete", "wirklich", "Million", "Dollar"], ["meta"]);
    const judged = (query: string) => judgedOn(passage, bridges, query, words).evidence;
    expect(judged("Echt? Spendete Bezos eine Million Dollar").missing).toEqual([]);
    expect(judged("Echt? Meta spendete eine Million Dollar").missing).toContain("Meta");
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/corpus/article.ts";
import { segmentBody, sentenceStarts, splitParagraphs } from "../../src/corpus/segment.ts";
import { REPO_CORPUS } from "../support/temp-corpus.ts";

/**
 * The sentence splitter as it was: a regular expression over the text before each sentence end,
 * quadratic in a paragraph's length. Kept here as the reference the linear one must agree with.
 */
const ABBREVIATIONS = new Set(
  `abb anm bzw ca chr dr etc evtl ggf hr hrsg inkl jh jr mio mrd nr prof s sog st str tel usw
  vgl vs z.b zb u.a ua d.h dh üb ff bzw co corp inc ltd no vol bd`.split(/\s+/),
);
const OLD_SENTENCE_END = /[.!?…]+["'»«“”‘’)\]]*(?=\s+["'»«„“‘([]*[\p{Lu}\p{N}])/gu;
function oldSentenceStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(OLD_SENTENCE_END)) {
    const endOfMark = m.index + m[0].length;
    if (m[0].startsWith(".")) {
      const before = /([\p{L}\p{N}.]+)$/u.exec(text.slice(0, m.index))?.[1] ?? "";
      const isInitial = /^(\p{L}\.)*\p{L}$/u.test(before);
      const isOrdinal = /^\d+$/.test(before);
      if (isInitial || isOrdinal || ABBREVIATIONS.has(before.toLowerCase())) continue;
    }
    const next = /\S/.exec(text.slice(endOfMark));
    if (next) starts.push(endOfMark + next.index);
  }
  return starts;
}

/** Text made of the pieces sentence ends are decided by: words, marks, quotes, spaces. */
const piece = fc.constantFrom(
  "Ab",
  "ab",
  "z.B",
  "vgl",
  "J.D",
  "20",
  "Über",
  "𝔄b",
  ".",
  "..",
  "!",
  "?",
  "…",
  "»",
  "«",
  "“",
  ")",
  "(",
  "]",
  "„",
  " ",
  "  ",
  "\n",
  "\u00a0",
  "-",
);
const prose = fc.array(piece, { maxLength: 120 }).map((parts) => parts.join(""));

describe("the linear sentence splitter", () => {
  it("cuts generated texts where the quadratic one did", () => {
    fc.assert(
      fc.property(prose, (text) => {
        expect(sentenceStarts(text)).toEqual(oldSentenceStarts(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("cuts every paragraph of the shared corpus where the quadratic one did", () => {
    const dir = join(REPO_CORPUS, "articles");
    let paragraphs = 0;
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".md"))) {
      const source = readFileSync(join(dir, name), "utf8");
      const body = parseArticle(name, name.replace(/\.md$/, ""), source).article?.body ?? "";
      for (const p of splitParagraphs(body)) {
        const text = body.slice(p.start, p.end);
        expect(sentenceStarts(text)).toEqual(oldSentenceStarts(text));
        paragraphs++;
      }
    }
    expect(paragraphs).toBeGreaterThan(50);
  });

  it("cuts a one-paragraph article of 300 kB into passages of whole sentences", () => {
    // The input that froze every server for a minute: with the quadratic splitter this test
    // runs past its timeout.
    const body = "Ab. ".repeat(75_000).trim();
    const spans = segmentBody(body);
    expect(spans.length).toBeGreaterThan(300);
    for (const s of spans) expect(body.slice(s.start, s.end)).toMatch(/^Ab\..*Ab\.$/s);
    expect(sentenceStarts(`${".".repeat(300_000)} a`)).toEqual([0]);
  });
});

import { describe, expect, it } from "vitest";
import {
  MAX_PASSAGE_CHARS,
  segmentBody,
  sentenceStarts,
  splitParagraphs,
} from "../../src/corpus/segment.ts";

describe("splitParagraphs", () => {
  it("numbers blocks separated by blank lines and strips heading marks", () => {
    const body = "## Titel\n\nErster Absatz.\nNoch eine Zeile.\n\n  \n\nZweiter Absatz.";
    const paragraphs = splitParagraphs(body);
    expect(paragraphs.map((p) => body.slice(p.start, p.end))).toEqual([
      "Titel",
      "Erster Absatz.\nNoch eine Zeile.",
      "Zweiter Absatz.",
    ]);
    expect(paragraphs.map((p) => [p.number, p.isHeading])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
  });
});

describe("sentenceStarts", () => {
  it("does not cut after abbreviations, initials or ordinals", () => {
    const text =
      "Am 20. Januar kam J.D. Vance, vgl. Abb. 1 unten. Das war z. B. neu! Dann ging er.";
    const starts = sentenceStarts(text);
    expect(starts.map((s) => text.slice(s, s + 8))).toEqual(["Am 20. J", "Das war ", "Dann gin"]);
  });

  it("cuts after closing quotes", () => {
    const text = "Er sagte: »Nein.« Sie ging.";
    expect(sentenceStarts(text).map((s) => text.slice(s))).toEqual([text, "Sie ging."]);
  });
});

describe("segmentBody", () => {
  const sentence = (i: number) =>
    `Dies ist der Satz Nummer ${i} mit etwas Inhalt über Plattformen und Politik.`;
  const long = Array.from({ length: 40 }, (_, i) => sentence(i + 1)).join(" ");
  const body = `Kurzer Absatz.\n\n${long}\n\n## Überschrift\n\nLetzter Absatz.`;
  const spans = segmentBody(body);

  it("cuts long paragraphs at sentence boundaries and keeps short ones whole", () => {
    const pieces = spans.filter((s) => s.paragraph === 2);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.end - p.start).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      expect(body.slice(p.start, p.end)).toMatch(/^Dies ist der Satz.*\.$/s);
    }
    expect(pieces.map((p) => body.slice(p.start, p.end)).join(" ")).toBe(long);
  });

  it("numbers passages in reading order with their paragraph", () => {
    expect(spans.map((s) => s.seq)).toEqual(spans.map((_, i) => i + 1));
    expect(spans[0]).toMatchObject({ paragraph: 1, isHeading: false });
    expect(spans.at(-2)).toMatchObject({ paragraph: 3, isHeading: true });
    expect(body.slice(spans.at(-1)?.start, spans.at(-1)?.end)).toBe("Letzter Absatz.");
  });
});

describe("a paragraph without sentence ends where they are needed", () => {
  it.each([
    ["initials", "A.B.C.D.E.F.G.H. ".repeat(17_000)],
    ["periods", ".".repeat(300_000)],
    ["one long word", "x".repeat(299_000)],
    ["emoji without spaces", "😀".repeat(100_000)],
    ["a long heading", `# ${"Titel ".repeat(50_000)}`],
  ])(
    "(%s) is cut into passages no longer than MAX, in order, never inside a character",
    (_kind, body) => {
      const spans = segmentBody(body);
      expect(spans.length).toBeGreaterThan(100);
      for (const [i, span] of spans.entries()) {
        expect(span.end - span.start).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
        expect(span.end).toBeGreaterThan(span.start);
        if (i > 0) expect(span.start).toBeGreaterThanOrEqual(spans[i - 1]?.end ?? 0);
        expect(body.charCodeAt(span.start) >= 0xdc00 && body.charCodeAt(span.start) <= 0xdfff).toBe(
          false,
        );
      }
    },
  );
});

import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/corpus/article.ts";

const parse = (source: string, id = "beispiel") =>
  parseArticle("corpus/articles/beispiel.md", id, source);

describe("parseArticle", () => {
  it("reads front matter and body", () => {
    const { article, problems } = parse(
      '---\ntitle: Titel\ndate: "2025-03"\nlanguage: de\n---\n\nText.\n',
    );
    expect(problems).toEqual([]);
    expect(article?.meta).toEqual({ title: "Titel", date: "2025-03", language: "de" });
    expect(article?.body).toBe("Text.");
  });

  it("reports every front-matter problem with its line", () => {
    const { article, problems } = parse(
      '---\ntitle: Titel\ndate: "2025-13-01"\nlanguage: Deutsch\nsource: somewhere\nurl: ftp://x\n---\n\nText.\n',
    );
    expect(article).toBeUndefined();
    const lines = problems.map((p) => `${p.line}: ${p.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^3: front matter: date: date is not a calendar date/),
        expect.stringMatching(/^4: front matter: language: language must be a code/),
        expect.stringMatching(/^5: front matter: source: .*[Uu]nrecognized/),
        expect.stringMatching(/^6: front matter: url: /),
      ]),
    );
    expect(problems.every((p) => p.file === "corpus/articles/beispiel.md")).toBe(true);
  });

  it.each([
    ["no front matter", "Text ohne Kopf.", 1, /missing front matter/],
    ["unclosed front matter", "---\nlanguage: de\nText.", 1, /not closed/],
    ["broken YAML", "---\nlanguage: [de\n---\n\nText.", 2, /front matter: /],
    ["empty body", "---\nlanguage: de\n---\n\n   \n", 3, /body is empty/],
    ["binary content", "\u0000\u0001\u0002", 1, /not UTF-8 text/],
  ])("rejects %s", (_name, source, line, message) => {
    const { article, problems } = parse(source);
    expect(article).toBeUndefined();
    expect(problems[0]?.line).toBe(line);
    expect(problems[0]?.message).toMatch(message);
  });

  it("rejects ids that are not readable slugs", () => {
    expect(parse("---\nlanguage: de\n---\n\nText.", "Böse Datei").problems[0]?.message).toMatch(
      /article id/,
    );
  });
});

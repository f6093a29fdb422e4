import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsole } from "../../src/console/console.ts";
import type { SearchIndex, SearchResult } from "../../src/search/searcher.ts";

const result: SearchResult = {
  passageId: "eins#2",
  articleId: "eins",
  title: "Ein Titel",
  publication: null,
  date: "2025",
  paragraph: 2,
  start: 10,
  end: 33,
  text: "Die Plätze waren voll.",
  score: 1,
  highlights: [{ start: 4, end: 10 }],
};

async function session(lines: string, index: SearchIndex): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  const done = runConsole({ index, input, output });
  input.end(lines);
  await done;
  return text;
}

describe("the local console", () => {
  it("runs /cite over the search and renders the citation as text", async () => {
    const queries: string[] = [];
    const index: SearchIndex = {
      search: (q) => {
        queries.push(q);
        return [result];
      },
    };
    const text = await session("/cite Plaetze voll\nnackte Frage\n/quit\n/cite danach\n", index);
    expect(queries).toEqual(["Plaetze voll", "nackte Frage"]);
    expect(text).toContain("1. Ein Titel — 2025 — ¶ 2  [eins#2, chars 10–33]");
    expect(text).toContain("Die **Plätze** waren voll.");
  });

  it("says so when nothing is found and explains unknown commands", async () => {
    const text = await session("/cite nichts\n/tanz\n", { search: () => [] });
    expect(text).toContain("Nothing found.");
    expect(text).toContain("Unknown command /tanz.");
  });
});

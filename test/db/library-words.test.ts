import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expandQuery } from "../../src/search/expand.ts";
import { LibraryStems, scopedVocabulary } from "../../src/search/scoped-vocabulary.ts";
import { VocabularyCache } from "../../src/search/vocabulary-cache.ts";
import { indexedTempApp, type TempApp } from "../support/temp-app.ts";

let t: TempApp;
beforeEach(async () => {
  t = await indexedTempApp();
});
afterEach(() => t.cleanup());

const G1 = "200000000000000001";
const G2 = "200000000000000002";
const mod = { id: "m1", name: "Mira" };
const article = {
  filename: "mondbasis.md",
  text: "# Die Mondbasis\n\nDie Raumfahrtagentur Selenia plant eine Forschungsstation am Südpol des Mondes.",
};

/** The forms a server's search would look a query up by. */
function formsFor(guild: string | null, query: string): string[] {
  const vocabulary = new VocabularyCache(t.db.$client).current("passages");
  const hidden = new LibraryStems(t.db.$client).hiddenFrom(guild, vocabulary);
  return expandQuery(query, scopedVocabulary(vocabulary, hidden)).flatMap((c) =>
    c.forms.map((f) => `${f.stem}:${f.origin}`),
  );
}

describe("the words of a server's library", () => {
  it("are corrections and compounds for that server only, never for another", async () => {
    await t.app.library.add(G1, mod, article, "Die Mondbasis");
    const own = t.app.search.search("Selenai Forschungsstation", { guildId: G1 });
    expect(own[0]?.understood).toContainEqual({
      from: "Selenai",
      to: "Selenia",
      how: "correction",
    });
    expect(formsFor(G1, "Selenai")).toContain("selenia:correction");
    expect(formsFor(G2, "Selenai")).toEqual(["selenai:typed"]);
    expect(formsFor(null, "Selenai")).toEqual(["selenai:typed"]);
    expect(formsFor(G2, "Raumfahrt").join(" ")).not.toContain("raumfahrtagentur");
    const other = t.app.search.search("Selenai Forschungsstation", { guildId: G2 });
    expect(JSON.stringify(other)).not.toContain("Selenia");
  });
});

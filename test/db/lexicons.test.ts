import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeLexicons } from "../../src/corpus/lexicons.ts";
import { storedBridges } from "../../src/search/lexicon.ts";
import { migratedTempApp, type TempApp } from "../support/temp-app.ts";

let t: TempApp;
beforeAll(async () => {
  t = await migratedTempApp();
});
afterAll(() => t.cleanup());

describe("stored lexicon entries", () => {
  it("come back in their rank, not in the order of the table's key", async () => {
    const synonyms = ["zwist", "streit", "krach", "differenz"].map((synonym, rank) => ({
      stem: "zoff",
      synonym,
      rank,
    }));
    await t.app.writes.run((tx) =>
      storeLexicons(tx, {
        synonyms: synonyms.toReversed(),
        translations: [],
        commonness: [],
        missing: [],
      }),
    );
    expect(storedBridges(t.db.$client).synonyms("zoff")).toEqual([
      "zwist",
      "streit",
      "krach",
      "differenz",
    ]);
  });
});

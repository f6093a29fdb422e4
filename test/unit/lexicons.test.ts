import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startLexiconReduction } from "../../src/corpus/lexicon-reduction.ts";
import {
  type LexiconFiles,
  lexiconFingerprint,
  prepareLexicons,
  reducePrepared,
} from "../../src/corpus/lexicons.ts";
import { SYNONYMS_PER_WORD } from "../../src/search/lexicon.ts";

const reduceLexicons = (files: LexiconFiles, corpus: ReadonlySet<string>) =>
  reducePrepared(prepareLexicons(files), corpus);

const dir = mkdtempSync(join(tmpdir(), "beleg-lexicons-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const thesaurus = join(dir, "openthesaurus.txt");
const dictionary = join(dir, "de-en");
writeFileSync(
  thesaurus,
  [
    "# OpenThesaurus excerpt",
    "Krach (ugs.);Streit (Hauptform);Zoff (ugs.);(sich) in den Haaren liegen (ugs.);Zank",
    "Geld;Kohle (ugs.);Knete (ugs.)",
    "Deputat...;Konzessions...",
  ].join("\n"),
);
writeFileSync(
  dictionary,
  [
    "# Ding excerpt",
    "feierliche Amtseinführung {f}; Amtseinführung {f} [adm.] | Tag der Amtseinführung :: inauguration (of an office holder) | Inauguration Day [Am.]",
    "Reihe {f}; Zeile {f} | Reihen {pl} | die vordere Reihe :: row | rows | the front row",
    "Satellit {m} | Satelliten {pl} :: satellite | satellites",
    "Aal {m} :: eel",
  ].join("\n"),
);
const corpus = new Set(["streit", "amtseinfuhr", "reih", "satellit", "geld"]);

describe("the lexicons, reduced to what reaches the corpus", () => {
  it("are reduced the same in a worker thread as in this one", async () => {
    const inWorker = await startLexiconReduction({ thesaurus, dictionary }).reduce(corpus);
    expect(inWorker).toEqual(reduceLexicons({ thesaurus, dictionary }, corpus));
    expect(inWorker.synonyms.length).toBeGreaterThan(0);
  });

  it("maps colloquial and other words to the corpus's synonyms, never to themselves", () => {
    const { synonyms } = reduceLexicons({ thesaurus, dictionary }, corpus);
    const of = (stem: string) => synonyms.filter((s) => s.stem === stem).map((s) => s.synonym);
    expect(of("zoff")).toEqual(["streit"]);
    expect(of("krach")).toEqual(["streit"]);
    expect(of("kohl")).toEqual(["geld"]);
    expect(of("streit")).toEqual([]);
    expect(synonyms.some((s) => s.stem.includes("deputat"))).toBe(false);
  });

  it("maps English words, and their inflected forms, to German stems of the corpus", () => {
    const { translations } = reduceLexicons({ thesaurus, dictionary }, corpus);
    const of = (english: string) => translations.filter((t) => t.english === english);
    expect(of("inaugur").map((t) => t.german)).toEqual(["amtseinfuhr"]);
    expect(of("row")).toEqual([{ english: "row", german: "reih", weight: 1 }]);
    expect(of("satellit").map((t) => t.german)).toEqual(["satellit"]);
    expect(of("eel")).toEqual([]);
  });

  it("says which files are missing, and changes its fingerprint when they appear", () => {
    const absent = { thesaurus: join(dir, "none.txt"), dictionary };
    expect(reduceLexicons(absent, corpus).missing).toEqual([absent.thesaurus]);
    const before = lexiconFingerprint(absent);
    writeFileSync(absent.thesaurus, "Zoff;Streit\n");
    expect(lexiconFingerprint(absent)).not.toBe(before);
  });

  it("ranks a word's synonyms by the synsets they share with it, and keeps the first few", () => {
    const many = join(dir, "many.txt");
    const others = ["abel", "bebel", "cebel", "debel", "ebel", "febel", "gebel"];
    writeFileSync(many, [`Zank;${others.join(";")}`, "Zank;gebel", "Zank;febel;gebel"].join("\n"));
    const { synonyms } = reduceLexicons({ thesaurus: many, dictionary }, new Set(others));
    const ranked = synonyms.filter((s) => s.stem === "zank");
    expect(ranked.map((s) => s.synonym).slice(0, 2)).toEqual(["gebel", "febel"]);
    expect(ranked.map((s) => s.rank)).toEqual([...ranked.keys()]);
    expect(ranked).toHaveLength(SYNONYMS_PER_WORD);
  });

  it("counts how many entries hold a word, in either language, and keeps the everyday ones", () => {
    const everyday = join(dir, "everyday");
    writeFileSync(
      everyday,
      [
        "Zeit {f} :: time",
        "Zeit sparen :: to save time",
        "zur Zeit; derzeit :: at the moment; at this time",
        "Zeitplan {m} :: schedule; timetable",
        "Kuiper-Gürtel {m} :: Kuiper belt",
      ].join("\n"),
    );
    const { commonness } = reduceLexicons({ thesaurus, dictionary: everyday }, corpus);
    const of = (language: string, stem: string) =>
      commonness.find((c) => c.language === language && c.stem === stem)?.entries;
    expect(of("de", "zeit")).toBe(3);
    expect(of("en", "time")).toBe(3);
    expect(of("de", "zeitplan")).toBeUndefined();
    expect(of("de", "kuip")).toBeUndefined();
  });
});

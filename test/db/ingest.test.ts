import { rmSync, symlinkSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { refreshIndex } from "../../src/corpus/index-corpus.ts";
import { ingestCorpus } from "../../src/corpus/ingest.ts";
import { loadCorpus } from "../../src/corpus/load.ts";
import { CorpusInvalidError } from "../../src/corpus/problems.ts";
import { createSearchIndex } from "../../src/search/searcher.ts";
import { migratedTempApp } from "../support/temp-app.ts";
import { article, tempCorpus } from "../support/temp-corpus.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function setup(files: Record<string, string> = {}, copyRepoCorpus = false) {
  const t = migratedTempApp();
  const corpus = tempCorpus(files, copyRepoCorpus);
  cleanups.push(t.cleanup, corpus.cleanup);
  return { ...t, corpus };
}
const count = (db: ReturnType<typeof setup>["db"], sql: string) =>
  (db.$client.prepare(sql).get() as { n: number }).n;

describe("a fresh database", () => {
  it("gets every migration: tables, FTS5 index and triggers", () => {
    const { db } = setup();
    const names = db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(names).toEqual(
      expect.arrayContaining([
        "articles",
        "passages",
        "index_meta",
        "passages_fts",
        "passages_vocab",
        "passages_fts_insert",
        "passages_fts_delete",
        "passages_fts_update",
        "__drizzle_migrations",
      ]),
    );
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
  });
});

describe("ingesting the real corpus", () => {
  it("stores passages whose offsets cut their text out of the article body", () => {
    const { db, corpus } = setup({}, true);
    const report = ingestCorpus(db, loadCorpus(corpus.dir));
    expect(report.added).toBe(5);
    const rows = db.$client
      .prepare(
        'SELECT p.id, p.seq, p.start, p."end", p.text, a.body, a.id AS article FROM passages p JOIN articles a ON a.id = p.article_id',
      )
      .all() as {
      id: string;
      seq: number;
      start: number;
      end: number;
      text: string;
      body: string;
      article: string;
    }[];
    expect(rows.length).toBe(report.passagesWritten);
    for (const r of rows) {
      expect(r.body.slice(r.start, r.end)).toBe(r.text);
      expect(r.id).toBe(`${r.article}#${r.seq}`);
    }
    expect(
      count(db, "SELECT count(*) AS n FROM passages_fts WHERE passages_fts MATCH 'amtseinfuhr'"),
    ).toBeGreaterThan(0);
  });

  it("writes nothing when the corpus is unchanged", () => {
    const { db, corpus } = setup({}, true);
    ingestCorpus(db, loadCorpus(corpus.dir));
    const before = db.$client.prepare("SELECT total_changes() AS n").get() as { n: number };
    const report = ingestCorpus(db, loadCorpus(corpus.dir));
    const after = db.$client.prepare("SELECT total_changes() AS n").get() as { n: number };
    expect(report).toEqual({
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 5,
      passagesWritten: 0,
      claims: 0,
    });
    expect(after.n).toBe(before.n);
  });

  it("re-indexes only the article that changed, and drops removed ones", () => {
    const { db, corpus } = setup({
      "eins.md": article("Erster Text über Satelliten."),
      "zwei.md": article("Zweiter Text."),
    });
    ingestCorpus(db, loadCorpus(corpus.dir));
    corpus.write("eins.md", article("Erster Text über Raketen."));
    corpus.write("drei.md", article("Dritter Text."));
    rmSync(`${corpus.dir}/articles/zwei.md`);
    const report = ingestCorpus(db, loadCorpus(corpus.dir));
    expect(report).toMatchObject({ added: 1, updated: 1, removed: 1, unchanged: 0 });
    const search = createSearchIndex(db);
    expect(search.search("Satelliten")).toEqual([]);
    expect(search.search("Raketen")[0]?.passageId).toBe("eins#1");
    expect(count(db, "SELECT count(*) AS n FROM passages WHERE article_id = 'zwei'")).toBe(0);
  });
});

describe("a broken corpus", () => {
  it("changes nothing and leaves the old index serving", () => {
    const { db, corpus } = setup({}, true);
    ingestCorpus(db, loadCorpus(corpus.dir));
    const passagesBefore = count(db, "SELECT count(*) AS n FROM passages");
    const changesBefore = (db.$client.prepare("SELECT total_changes() AS n").get() as { n: number })
      .n;

    corpus.write("buddy-economy.md", "Kein Kopf mehr, und ein anderer Text.");
    corpus.write("kaputt.md", "---\nlanguage: [de\n---\n\nText.");
    const outcome = refreshIndex(db, corpus.dir);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problems.map((p) => p.file)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/buddy-economy\.md$/),
          expect.stringMatching(/kaputt\.md$/),
        ]),
      );
    }
    expect(() => ingestCorpus(db, loadCorpus(corpus.dir))).toThrow(CorpusInvalidError);
    expect(count(db, "SELECT count(*) AS n FROM passages")).toBe(passagesBefore);
    expect((db.$client.prepare("SELECT total_changes() AS n").get() as { n: number }).n).toBe(
      changesBefore,
    );
    expect(createSearchIndex(db).search("Buddy Economy Vereidigung")[0]?.articleId).toBe(
      "buddy-economy",
    );
  });

  it.each([
    ["an empty file", () => ""],
    ["a binary file", () => Buffer.from([0, 159, 146, 150, 0, 255])],
    ["a huge file", () => article("Wort ".repeat(600_000))],
    ["broken front matter", () => "---\ntitle: [unclosed\nlanguage: de\n---\n\nText."],
  ])("refuses %s with a clear message and keeps the old index", (_name, content) => {
    const { db, corpus } = setup({}, true);
    ingestCorpus(db, loadCorpus(corpus.dir));
    const passagesBefore = count(db, "SELECT count(*) AS n FROM passages");
    corpus.write("neu.md", content());
    const outcome = refreshIndex(db, corpus.dir);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems[0]?.file).toMatch(/neu\.md$/);
    expect(count(db, "SELECT count(*) AS n FROM passages")).toBe(passagesBefore);
    expect(createSearchIndex(db).search("Golden Dome")[0]?.articleId).toBe("bezos-statt-musk");
  });

  it("refuses a file that links outside the corpus folder", () => {
    const { db, corpus } = setup({ "eins.md": article("Erster Text.") });
    const outside = tempCorpus({ "geheim.md": article("Geheimer Text.") });
    cleanups.push(outside.cleanup);
    symlinkSync(`${outside.dir}/articles/geheim.md`, `${corpus.dir}/articles/geheim.md`);
    const outcome = refreshIndex(db, corpus.dir);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.problems[0]?.message).toBe("file lies outside the corpus folder");
    expect(count(db, "SELECT count(*) AS n FROM passages")).toBe(0);
  });

  it("rolls back a failure in the middle of the transaction", () => {
    const { db, corpus } = setup({ "eins.md": article("Erster Text über Satelliten.") });
    ingestCorpus(db, loadCorpus(corpus.dir));
    corpus.write("eins.md", article("Erster Text über Raketen."));
    db.$client.exec(
      "CREATE TRIGGER fail_on_raketen BEFORE INSERT ON passages WHEN new.stems LIKE '%raket%' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
    );
    expect(() => ingestCorpus(db, loadCorpus(corpus.dir))).toThrow(/disk on fire/);
    expect(createSearchIndex(db).search("Satelliten")[0]?.passageId).toBe("eins#1");
  });
});

import { rmSync, symlinkSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { refreshIndex } from "../../src/corpus/index-corpus.ts";
import { ingestCorpus } from "../../src/corpus/ingest.ts";
import { loadCorpus } from "../../src/corpus/load.ts";
import { CorpusInvalidError } from "../../src/corpus/problems.ts";
import type { Db } from "../../src/db/client.ts";
import { createSearchIndex } from "../../src/search/searcher.ts";
import { migratedTempApp } from "../support/temp-app.ts";
import { article, tempCorpus } from "../support/temp-corpus.ts";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
async function setup(files: Record<string, string> = {}, copyRepoCorpus = false) {
  const t = await migratedTempApp();
  const corpus = tempCorpus(files, copyRepoCorpus);
  cleanups.push(t.cleanup, corpus.cleanup);
  const ingest = () => ingestCorpus(t.db, t.app.writes, loadCorpus(corpus.dir));
  const refresh = () => refreshIndex(t.db, t.app.writes, corpus.dir);
  return { ...t, corpus, ingest, refresh };
}
const count = (db: Db, sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
/** Changes when another connection (the app's writer) commits. */
const dataVersion = (db: Db) => db.$client.pragma("data_version", { simple: true });

describe("a fresh database", () => {
  it("gets every migration: tables, FTS5 index and the owners of rounds", async () => {
    const { db } = await setup();
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
        "owners",
        "__drizzle_migrations",
      ]),
    );
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
  });
});

describe("ingesting the real corpus", () => {
  it("stores passages whose offsets cut their text out of the article body", async () => {
    const { db, ingest } = await setup({}, true);
    const report = await ingest();
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

  it("writes nothing when the corpus is unchanged", async () => {
    const { db, ingest } = await setup({}, true);
    await ingest();
    const before = dataVersion(db);
    const report = await ingest();
    expect(report).toEqual({
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 5,
      passagesWritten: 0,
      claims: 0,
    });
    expect(dataVersion(db)).toBe(before);
  });

  it("re-indexes only the article that changed, and drops removed ones", async () => {
    const { db, corpus, ingest } = await setup({
      "eins.md": article("Erster Text über Satelliten."),
      "zwei.md": article("Zweiter Text."),
    });
    await ingest();
    corpus.write("eins.md", article("Erster Text über Raketen."));
    corpus.write("drei.md", article("Dritter Text."));
    rmSync(`${corpus.dir}/articles/zwei.md`);
    const report = await ingest();
    expect(report).toMatchObject({ added: 1, updated: 1, removed: 1, unchanged: 0 });
    const search = createSearchIndex(db);
    expect(search.search("Satelliten")).toEqual([]);
    expect(search.search("Raketen")[0]?.passageId).toBe("eins#1");
    expect(count(db, "SELECT count(*) AS n FROM passages WHERE article_id = 'zwei'")).toBe(0);
  });
});

describe("a broken corpus", () => {
  it("changes nothing and leaves the old index serving", async () => {
    const { db, corpus, ingest, refresh } = await setup({}, true);
    await ingest();
    const passagesBefore = count(db, "SELECT count(*) AS n FROM passages");
    const versionBefore = dataVersion(db);

    corpus.write("buddy-economy.md", "Kein Kopf mehr, und ein anderer Text.");
    corpus.write("kaputt.md", "---\nlanguage: [de\n---\n\nText.");
    const outcome = await refresh();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problems.map((p) => p.file)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/buddy-economy\.md$/),
          expect.stringMatching(/kaputt\.md$/),
        ]),
      );
    }
    await expect(ingest()).rejects.toThrow(CorpusInvalidError);
    expect(count(db, "SELECT count(*) AS n FROM passages")).toBe(passagesBefore);
    expect(dataVersion(db)).toBe(versionBefore);
    expect(createSearchIndex(db).search("Buddy Economy Vereidigung")[0]?.articleId).toBe(
      "buddy-economy",
    );
  });

  it.each([
    ["an empty file", () => ""],
    ["a binary file", () => Buffer.from([0, 159, 146, 150, 0, 255])],
    ["a huge file", () => article("Wort ".repeat(600_000))],
    ["broken front matter", () => "---\ntitle: [unclosed\nlanguage: de\n---\n\nText."],
  ])("refuses %s with a clear message and keeps the old index", async (_name, content) => {
    const { db, corpus, ingest, refresh } = await setup({}, true);
    await ingest();
    const passagesBefore = count(db, "SELECT count(*) AS n FROM passages");
    corpus.write("neu.md", content());
    const outcome = await refresh();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems[0]?.file).toMatch(/neu\.md$/);
    expect(count(db, "SELECT count(*) AS n FROM passages")).toBe(passagesBefore);
    expect(createSearchIndex(db).search("Golden Dome")[0]?.articleId).toBe("bezos-statt-musk");
  });

  it("refuses a file that links outside the corpus folder", async () => {
    const { db, corpus, refresh } = await setup({ "eins.md": article("Erster Text.") });
    const outside = tempCorpus({ "geheim.md": article("Geheimer Text.") });
    cleanups.push(outside.cleanup);
    symlinkSync(`${outside.dir}/articles/geheim.md`, `${corpus.dir}/articles/geheim.md`);
    const outcome = await refresh();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.problems[0]?.message).toBe("file lies outside the corpus folder");
    expect(count(db, "SELECT count(*) AS n FROM passages")).toBe(0);
  });

  it("rolls back a failure in the middle of the transaction", async () => {
    const { db, corpus, ingest } = await setup({
      "eins.md": article("Erster Text über Satelliten."),
    });
    await ingest();
    corpus.write("eins.md", article("Erster Text über Raketen."));
    db.$client.exec(
      "CREATE TRIGGER fail_on_raketen BEFORE INSERT ON passages WHEN new.stems LIKE '%raket%' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
    );
    await expect(ingest()).rejects.toThrow(/disk on fire/);
    expect(createSearchIndex(db).search("Satelliten")[0]?.passageId).toBe("eins#1");
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { SqliteLibraryStore } from "../../src/db/sqlite/library-store.ts";
import { WriteQueue } from "../../src/db/write-queue.ts";
import type { LibraryStore } from "../../src/library/stores.ts";
import { describePg, PG_SKIP_REASON } from "../support/pg-cluster.ts";
import { pgLibraryStores } from "../support/pg-library-store.ts";

/**
 * The library store's contract, run against every back end: each factory opens an empty,
 * migrated database of its kind and returns a store on it.
 */
interface StoreFactory {
  readonly name: string;
  open(): Promise<{ store: LibraryStore; close(): Promise<void> }>;
}

const sqliteFactory: StoreFactory = {
  name: "sqlite",
  async open() {
    const dir = mkdtempSync(join(tmpdir(), "beleg-store-"));
    const connections = openDatabase(join(dir, "beleg.sqlite"));
    const writes = new WriteQueue(connections.writer);
    return {
      store: new SqliteLibraryStore(connections.reader, writes),
      async close() {
        await writes.drained();
        connections.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres = pgLibraryStores();
afterAll(() => postgres.drop());

/** PostgreSQL joins where a server can be had; otherwise a skipped suite says why. */
const factories: StoreFactory[] = [sqliteFactory];
if (PG_SKIP_REASON === undefined) factories.push({ name: "postgres", open: postgres.open });
else describePg("library store (postgres)", () => it("keeps the contract", () => {}));

const G1 = "200000000000000001";
const G2 = "200000000000000002";
const mira = { id: "m1", name: "Mira" };
const at = 1_800_000_000_000;
const HOUR = 60 * 60 * 1000;
const by = (guildId: string, actor = mira, when = at) => ({ guildId, actor, at: when });
const source = (title: string) => `---\ntitle: ${title}\nlanguage: de\n---\n\nText.\n`;
const claim = (id: string) => ({ id, quote: "Text.", question: { de: "Was?" }, answer: ["Text"] });
const limits = { perHour: 3, claims: 5 };

describe.each(factories)("library store ($name)", (factory) => {
  let store: LibraryStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await factory.open());
  });
  afterEach(() => close());

  const add = async (slug: string, guildId = G1) => {
    const expected = await store.version(guildId);
    return store.putArticle({ ...by(guildId), expected, slug, source: source(slug), limit: 2 });
  };
  const propose = (guildId: string, actor = mira, when = at, slugBase = "antwort") =>
    store.propose({
      ...by(guildId, actor, when),
      articleId: "mondbasis",
      slugBase,
      claim: claim(slugBase),
      limits,
    });

  it("starts empty at version 0", async () => {
    expect(await store.version(G1)).toBe(0);
    expect(await store.changesSince(0)).toEqual({ version: 0, servers: new Map() });
    expect(await store.articles(G1)).toEqual([]);
    expect(await store.role(G1)).toBeNull();
    expect((await store.snapshot()).articles).toEqual([]);
  });

  it("bumps the server's version with every change, from one counter, readable as changes", async () => {
    const versions: number[] = [];
    const track = (outcome: { version: number; previous: number } | { kind: string }) => {
      if (!("version" in outcome) || !("previous" in outcome))
        throw new Error(JSON.stringify(outcome));
      expect(outcome.previous).toBe(versions.at(-1) ?? 0);
      versions.push(outcome.version);
    };
    track(await add("mondbasis"));
    track(await store.hide({ ...by(G1), articleId: "hafen" }));
    track(await store.show({ ...by(G1), articleId: "hafen" }));
    track(await store.setRole({ ...by(G1), roleId: "r1" }));
    const proposed = await propose(G1);
    track(proposed);
    const id = (await store.claims(G1, "pending"))[0]?.id as number;
    track(await store.review({ ...by(G1), id, approve: false }));
    track(
      await store.importLibrary({
        ...by(G1),
        expected: versions.at(-1) as number,
        articles: [],
        claims: [{ slug: "a", articleId: "mondbasis", claim: claim("a") }],
        limits: { articles: 2, claims: 5 },
        subject: "a.yaml",
      }),
    );
    track(
      await store.removeArticle({ ...by(G1), slug: "mondbasis", articleId: `g${G1}-mondbasis` }),
    );
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(await store.version(G1)).toBe(versions.at(-1));
    const other = await add("hafen", G2);
    expect("version" in other && other.version).toBeGreaterThan(versions.at(-1) as number);
    expect(await store.changesSince(versions.at(-1) as number)).toEqual({
      version: await store.version(G2),
      servers: new Map([[G2, await store.version(G2)]]),
    });
    expect((await store.changesSince(0)).servers.size).toBe(2);
    expect((await store.recentEvents(G1, 3)).map((e) => e.action)).toEqual([
      "remove",
      "import",
      "reject",
    ]);
  });

  it("writes prepared work only onto the version it was prepared from", async () => {
    const expected = await store.version(G1);
    await store.setRole({ ...by(G1), roleId: "r1" });
    const now = await store.version(G1);
    const put = { ...by(G1), expected, slug: "mondbasis", source: source("M"), limit: 2 };
    expect(await store.putArticle(put)).toEqual({ kind: "changed", version: now });
    const imported = await store.importLibrary({
      ...by(G1),
      expected,
      articles: [{ slug: "hafen", source: source("H") }],
      claims: [],
      limits: { articles: 2, claims: 5 },
      subject: "zip",
    });
    expect(imported).toEqual({ kind: "changed", version: now });
    expect(await store.articles(G1)).toEqual([]);
    expect(await store.version(G1)).toBe(now);
    // Another server's change is not this server's.
    await store.setRole({ ...by(G2), roleId: "r2" });
    expect(await store.putArticle({ ...put, expected: now })).toMatchObject({ kind: "added" });
  });

  it("adds, replaces, limits and removes articles with the claims quoting them", async () => {
    expect(await add("mondbasis")).toMatchObject({ kind: "added" });
    expect(await add("mondbasis")).toMatchObject({ kind: "replaced" });
    expect(await add("hafen")).toMatchObject({ kind: "added" });
    expect(await add("dritter")).toEqual({ kind: "too-many-articles", limit: 2 });
    expect((await store.articles(G1)).map((a) => a.slug)).toEqual(["hafen", "mondbasis"]);
    expect(await store.article(G1, "hafen")).toMatchObject({
      source: source("hafen"),
      addedByName: "Mira",
    });
    expect(await store.article(G2, "hafen")).toBeUndefined();
    const articleId = `g${G1}-mondbasis`;
    await store.importLibrary({
      ...by(G1),
      expected: await store.version(G1),
      articles: [],
      claims: [
        { slug: "a", articleId, claim: claim("a") },
        { slug: "b", articleId: "hafen", claim: claim("b") },
      ],
      limits: { articles: 2, claims: 5 },
      subject: "claims",
    });
    const removed = await store.removeArticle({ ...by(G1), slug: "mondbasis", articleId });
    expect(removed).toMatchObject({ kind: "removed", claims: 1 });
    expect((await store.claims(G1)).map((c) => c.slug)).toEqual(["b"]);
    expect(await store.removeArticle({ ...by(G1), slug: "mondbasis", articleId })).toEqual({
      kind: "unknown",
    });
  });

  it("keeps each server's hidden set", async () => {
    await store.hide({ ...by(G1), articleId: "hafen" });
    await store.hide({ ...by(G1), articleId: "hafen" });
    await store.hide({ ...by(G1), articleId: "abc" });
    expect((await store.hidden(G1)).map((h) => h.articleId)).toEqual(["abc", "hafen"]);
    expect(await store.hidden(G2)).toEqual([]);
    expect(await store.show({ ...by(G1), articleId: "hafen" })).toMatchObject({ kind: "shown" });
    expect(await store.show({ ...by(G1), articleId: "hafen" })).toEqual({ kind: "unknown" });
    expect((await store.snapshot()).hidden).toEqual([{ guildId: G1, articleId: "abc" }]);
  });

  it("sets and clears the librarian role", async () => {
    await store.setRole({ ...by(G1), roleId: "r1" });
    expect(await store.role(G1)).toBe("r1");
    expect(await store.role(G2)).toBeNull();
    await store.setRole({ ...by(G1), roleId: null });
    expect(await store.role(G1)).toBeNull();
  });

  it("counts proposals and picks free slugs inside the write, also for proposals sent at once", async () => {
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => propose(G1)));
    const kinds = outcomes.map((o) => o.kind);
    expect(kinds.filter((k) => k === "proposed")).toHaveLength(limits.perHour);
    expect(kinds.filter((k) => k === "too-often")).toHaveLength(8 - limits.perHour);
    const slugs = (await store.claims(G1)).map((c) => c.slug);
    expect(slugs).toEqual(["antwort", "antwort-2", "antwort-3"]);
    expect((await store.claims(G1))[1]?.claim.id).toBe("antwort-2");
    expect(await store.countEvents(G1, mira.id, "propose", at - HOUR)).toBe(3);
    // An hour later the member may propose again, until the server's claims are full.
    const later = await Promise.all(
      ["u1", "u2", "u3"].map((id) => propose(G1, { id, name: id }, at + HOUR + 1)),
    );
    // Which of the three comes last is the back end's choice (a queue, or who gets the lock).
    expect(later.map((o) => o.kind).sort()).toEqual(["proposed", "proposed", "too-many-claims"]);
  });

  it("takes a proposal through review once", async () => {
    await propose(G1);
    const [pending] = await store.claims(G1, "pending");
    const id = pending?.id as number;
    expect(await store.claim(G2, id)).toBeUndefined();
    expect(await store.review({ ...by(G2), id, approve: true })).toEqual({ kind: "unknown" });
    const stale = await store.review({ ...by(G1), id, approve: true, expected: 0 });
    expect(stale).toEqual({ kind: "changed", version: await store.version(G1) });
    const approved = await store.review({
      ...by(G1),
      id,
      approve: true,
      expected: await store.version(G1),
    });
    expect(approved).toMatchObject({
      kind: "approved",
      claim: { slug: "antwort", status: "approved", reviewedByName: "Mira" },
    });
    expect(await store.review({ ...by(G1), id, approve: false })).toEqual({ kind: "unknown" });
    expect((await store.snapshot(G1)).approved).toEqual([
      { guildId: G1, slug: "antwort", articleId: "mondbasis", claim: claim("antwort") },
    ]);
  });

  it("gives a claim back as it was written, its keys in their order (a download writes them so)", async () => {
    await propose(G1);
    const [stored] = await store.claims(G1);
    expect(Object.keys(stored?.claim ?? {})).toEqual(["id", "quote", "question", "answer"]);
  });

  it("imports claims and articles all or nothing, within the limits", async () => {
    const write = (slugs: string[], articles: string[] = []) =>
      store.version(G1).then((expected) =>
        store.importLibrary({
          ...by(G1),
          expected,
          articles: articles.map((slug) => ({ slug, source: source(slug) })),
          claims: slugs.map((slug) => ({ slug, articleId: "hafen", claim: claim(slug) })),
          limits: { articles: 2, claims: 3 },
          subject: "import",
        }),
      );
    expect(await write(["a", "b"], ["x"])).toMatchObject({ kind: "imported", replacedClaims: 0 });
    expect(await write(["a", "b", "c"])).toMatchObject({ kind: "imported", replacedClaims: 2 });
    expect(await write(["d"])).toEqual({ kind: "too-many-claims", limit: 3 });
    expect(await write([], ["y", "z"])).toEqual({ kind: "too-many-articles", limit: 2 });
    expect((await store.claims(G1, "approved")).map((c) => c.slug)).toEqual(["a", "b", "c"]);
    expect((await store.articles(G1)).map((a) => a.slug)).toEqual(["x"]);
    const snapshot = await store.snapshot();
    expect(snapshot.servers).toEqual(new Map([[G1, await store.version(G1)]]));
    expect(snapshot.version).toBe(await store.version(G1));
  });
});

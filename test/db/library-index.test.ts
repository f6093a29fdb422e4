import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WriteFailedError } from "../../src/db/write-failure.ts";
import type { WriteQueue } from "../../src/db/write-queue.ts";
import { Library } from "../../src/library/library.ts";
import { LibraryIndex } from "../../src/library/library-index.ts";
import { indexedTempApp, libraryDeps, reopenApp, type TempApp } from "../support/temp-app.ts";

let t: TempApp;
const now = 1_800_000_000_000;
const clock = () => now;
beforeEach(async () => {
  t = await indexedTempApp({ clock });
});
afterEach(() => t.cleanup());

const G1 = "200000000000000001";
const mod = { id: "m1", name: "Mira" };
const article = {
  filename: "mondbasis.md",
  text: "# Die Mondbasis\n\nGebaut wird die Station von der Firma Regolith Works aus Bremen.\n",
};
const ids = (q: string) =>
  t.app.search.search(q, { limit: 5, guildId: G1 }).map((r) => r.articleId);
const applied = () =>
  t.db.$client.prepare("SELECT version FROM indexed_libraries WHERE guild_id = ?").pluck().get(G1);

/** A change stored without the index step: another process's, or one whose index step failed. */
const hideInStoreOnly = (articleId: string) =>
  t.app.libraryStore.hide({ guildId: G1, actor: mod, at: now, articleId });

describe("the search index kept in line with the stored libraries", () => {
  it("catches up with changes it did not apply, by comparing versions", async () => {
    const shared = ids("Golden Dome")[0] as string;
    await hideInStoreOnly(shared);
    expect(ids("Golden Dome")).toContain(shared);
    expect(await t.app.libraryIndex.catchUp()).toBe(1);
    expect(ids("Golden Dome")).not.toContain(shared);
    expect(applied()).toBe(await t.app.libraryStore.version(G1));
    expect(await t.app.libraryIndex.catchUp()).toBe(0);
  });

  it("asks the store, after the first catch-up, only for changes after the version it saw", async () => {
    const store = t.app.libraryStore;
    const asked: number[] = [];
    const index = new LibraryIndex({
      db: t.app.db,
      writes: t.app.writes,
      store: new Proxy(store, {
        get: (target, key) => {
          if (key === "changesSince")
            return (since: number) => {
              asked.push(since);
              return target.changesSince(since);
            };
          const value = Reflect.get(target, key);
          return typeof value === "function" ? value.bind(target) : value;
        },
      }),
      clock,
    });
    await index.catchUp();
    await hideInStoreOnly(ids("Golden Dome")[0] as string);
    const version = await store.version(G1);
    expect(await index.catchUp()).toBe(1);
    expect(await index.catchUp()).toBe(0);
    expect(asked).toEqual([0, 0, version]);
  });

  it("brings a stale index in line at start", async () => {
    await t.app.library.add(G1, mod, article, "Die Mondbasis");
    const shared = ids("Golden Dome")[0] as string;
    await hideInStoreOnly(shared);
    await t.app.libraryStore.removeArticle({
      guildId: G1,
      actor: mod,
      at: now,
      slug: "mondbasis",
      articleId: `g${G1}-mondbasis`,
    });
    const reopened = await reopenApp(t.path, { clock });
    try {
      const seen = reopened.search.search("Golden Dome Regolith Works", { limit: 5, guildId: G1 });
      expect(seen.map((r) => r.articleId)).not.toContain(shared);
      expect(seen.map((r) => r.articleId)).not.toContain(`g${G1}-mondbasis`);
    } finally {
      await reopened.close();
    }
  });

  it("applies a change onto a version it missed by bringing the server in line from the store", async () => {
    const shared = ids("Golden Dome")[0] as string;
    await hideInStoreOnly(shared);
    await t.app.library.add(G1, mod, article, "Die Mondbasis");
    expect(ids("Regolith Works Bremen")[0]).toBe(`g${G1}-mondbasis`);
    expect(ids("Golden Dome")).not.toContain(shared);
    expect(applied()).toBe(await t.app.libraryStore.version(G1));
  });

  it("tells what was stored when the index step fails, and the index is repaired later", async () => {
    const failing = {
      run: () => Promise.reject(new WriteFailedError("failed")),
    } as unknown as WriteQueue;
    const deps = libraryDeps(t.app);
    const index = new LibraryIndex({ ...deps, writes: failing, clock });
    const library = new Library({ ...deps, index });
    const shared = ids("Golden Dome")[0] as string;
    expect(await library.remove(G1, mod, shared)).toMatchObject({ kind: "hidden" });
    expect((await t.app.libraryStore.hidden(G1)).map((h) => h.articleId)).toEqual([shared]);
    expect(ids("Golden Dome")).toContain(shared);
    expect(await t.app.libraryIndex.catchUp()).toBe(1);
    expect(ids("Golden Dome")).not.toContain(shared);
  });
});

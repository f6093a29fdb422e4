import { afterAll, beforeAll, expect, it } from "vitest";
import { describePg, pgTestDatabase, type TestDatabase } from "../support/pg-cluster.ts";
import { indexedTempApp, type TempApp } from "../support/temp-app.ts";

const GUILD = "200000000000000001";
const mod = { id: "m1", name: "Mira" };
const SOURCE = [
  "---",
  "title: Zwei Prozesse",
  "---",
  "",
  "Der Quastenflosser Latimeria lebt in der Tiefe vor den Komoren und galt lange als ausgestorben.",
].join("\n");

/** Polls `probe` until it holds; the time it took, or a failure after `ms`. */
async function within(ms: number, probe: () => boolean): Promise<number> {
  const start = Date.now();
  while (!probe()) {
    if (Date.now() - start > ms) throw new Error(`not seen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - start;
}

describePg("one PostgreSQL database, two processes with their own search index", () => {
  let database: TestDatabase;
  let first: TempApp;
  let second: TempApp;

  beforeAll(async () => {
    database = await pgTestDatabase();
    first = await indexedTempApp({ postgresUrl: database.url });
    second = await indexedTempApp({ postgresUrl: database.url });
  }, 120_000);

  afterAll(async () => {
    await first?.cleanup();
    await second?.cleanup();
    await database?.close();
  });

  const finds = (t: TempApp) => () =>
    t.app.search
      .search("Quastenflosser Komoren", { guildId: GUILD })
      .some((r) => r.articleId.endsWith("zwei-prozesse"));

  it("an article added through one is cited through the other, announced, not polled", async () => {
    expect(first.path).not.toBe(second.path);
    expect(finds(second)()).toBe(false);
    const added = await first.app.library.add(GUILD, mod, {
      filename: "zwei-prozesse.md",
      text: SOURCE,
    });
    expect(added).toMatchObject({ kind: "added" });
    expect(finds(first)()).toBe(true);
    await within(5_000, finds(second));
    const removed = await second.app.library.remove(GUILD, mod, "zwei-prozesse");
    expect(removed).toMatchObject({ kind: "removed" });
    await within(5_000, () => !finds(first)());
  }, 60_000);
});

import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type Postgres } from "../../src/db/pg/client.ts";
import { PgLibraryStore } from "../../src/db/pg/library-store.ts";
import { answers, roundQuestions, rounds } from "../../src/db/pg/schema.ts";
import { checkStore, copyStore, type StoreComparison } from "../../src/db/store-copy/copy.ts";
import { StoreCopyRefused } from "../../src/db/store-copy/source.ts";
import { copyPlan } from "../../src/db/store-copy/tables.ts";
import { describePg, pgTestDatabase, type TestDatabase } from "../support/pg-cluster.ts";
import { indexedTempApp, type TempApp } from "../support/temp-app.ts";
import { buildCommunity, G1 } from "../support/test-community.ts";

const now = 1_800_000_000_000;
let t: TempApp;
let database: TestDatabase;
let pg: Postgres;

const byTable = (comparison: StoreComparison) =>
  Object.fromEntries(comparison.tables.map((c) => [c.table, c]));

async function copied(url = database.url) {
  const outcome = await copyStore(t.path, url, { batchRows: 7 });
  if (outcome.kind !== "copied") throw new Error(`not copied: ${JSON.stringify(outcome)}`);
  return outcome.comparison;
}

describePg("store copy from SQLite into PostgreSQL", () => {
  beforeAll(async () => {
    t = await indexedTempApp({ clock: () => now });
    await buildCommunity(t.app);
    database = await pgTestDatabase();
    pg = await openPostgres(database.url, {
      poolSize: 2,
      statementTimeoutMs: 5_000,
      connectTimeoutMs: 5_000,
    });
  }, 120_000);
  afterAll(async () => {
    await pg?.close();
    await database?.close();
    await t?.cleanup();
  });

  it("copies every table of the shared state with equal counts and checksums", async () => {
    const comparison = await copied();
    const tables = byTable(comparison);
    expect(Object.keys(tables).sort()).toEqual(
      copyPlan()
        .tables.map((p) => p.name)
        .sort(),
    );
    for (const table of comparison.tables) {
      // The test community fills every table, so each one's copy is really exercised.
      expect(table.sqliteRows, table.table).toBeGreaterThan(0);
      expect(table.inserted, table.table).toBe(table.sqliteRows);
      expect(table.postgresRows, table.table).toBe(table.sqliteRows);
      expect(table.postgresChecksum, table.table).toBe(table.sqliteChecksum);
    }
    expect(comparison.matches).toBe(true);
    expect(comparison.notCopied.map((n) => n.table).sort()).toEqual(["owners"]);
    const count = (table: string) =>
      t.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    expect(tables.answers?.sqliteRows).toBe(count("answers"));
    expect(tables.review_cards?.sqliteRows).toBe(count("review_cards"));
    expect(count("owners")).toBeGreaterThan(0);
    const owners = await pg.pool.query("SELECT count(*)::int AS n FROM owners");
    expect(owners.rows[0].n).toBe(0);
  });

  it("inserts nothing on a second copy, and the typed values arrive as the schema types them", async () => {
    const again = await copied();
    expect(again.tables.map((table) => table.inserted)).toEqual(again.tables.map(() => 0));
    expect(again.matches).toBe(true);
    const [answer] = await pg.db.select().from(answers).limit(1);
    expect(typeof answer?.correct).toBe("boolean");
    expect(typeof answer?.answeredAt).toBe("number");
    const [question] = await pg.db.select().from(roundQuestions).limit(1);
    expect(Array.isArray(question?.options)).toBe(true);
  });

  it("gives the PostgreSQL library store the libraries the SQLite one holds", async () => {
    const copiedLibrary = await new PgLibraryStore(pg.pool, pg.db).snapshot(G1);
    expect(copiedLibrary).toEqual(await t.app.libraryStore.snapshot(G1));
    expect(copiedLibrary).toMatchObject({
      hidden: [expect.anything()],
      approved: [expect.anything()],
    });
  });

  it("moves the id sequences past the copied ids: new rows on PostgreSQL get fresh ids", async () => {
    const highest = (table: string) =>
      t.db.$client.prepare(`SELECT max(id) FROM ${table}`).pluck().get() as number;
    const [round] = await pg.db
      .insert(rounds)
      .values({
        guildId: "g9",
        channelId: "c-new",
        starterId: "anna",
        status: "running",
        kind: "mc",
        lang: "de",
        seconds: 20,
        seed: 1,
        startedAt: now,
      })
      .returning();
    expect(round?.id).toBe(highest("rounds") + 1);
    const [question] = await pg.db
      .insert(roundQuestions)
      .values({
        roundId: round?.id as number,
        position: 0,
        claimId: "c",
        kind: "mc",
        prompt: "?",
        options: ["a", "b"],
        correctIndex: 0,
        passageId: "p",
        quote: "q",
      })
      .returning();
    expect(question?.id).toBe(highest("round_questions") + 1);
    const [answer] = await pg.db
      .insert(answers)
      .values({
        questionId: question?.id as number,
        roundId: round?.id as number,
        guildId: "g9",
        userId: "anna",
        optionIndex: 0,
        correct: true,
        points: 10,
        streak: 1,
        responseMs: 900,
        answeredAt: now,
      })
      .returning();
    expect(answer?.id).toBe(highest("answers") + 1);
    // PostgreSQL now holds rows SQLite does not: the check says so, the copy still adds nothing.
    const check = byTable(await checkStore(t.path, database.url));
    expect(check.rounds).toMatchObject({ matches: false });
    expect(check.rounds?.postgresRows).toBe((check.rounds?.sqliteRows ?? 0) + 1);
    expect(check.scores).toMatchObject({ matches: true });
    await pg.pool.query("DELETE FROM rounds WHERE guild_id = 'g9'");
  });

  it("reports a changed row as a mismatch, and refuses to copy over it, copying nothing", async () => {
    await pg.pool.query(
      "UPDATE scores SET points = points + 1 WHERE (guild_id, user_id) IN (SELECT guild_id, user_id FROM scores LIMIT 1)",
    );
    const missing = await pg.pool.query(
      "DELETE FROM answers WHERE id = (SELECT min(id) FROM answers)",
    );
    expect(missing.rowCount).toBe(1);
    const check = byTable(await checkStore(t.path, database.url));
    expect(check.scores).toMatchObject({ matches: false });
    expect(check.scores?.postgresRows).toBe(check.scores?.sqliteRows);
    expect(check.scores?.postgresChecksum).not.toBe(check.scores?.sqliteChecksum);
    expect(check.answers?.postgresRows).toBe((check.answers?.sqliteRows ?? 0) - 1);
    expect(check.rounds).toMatchObject({ matches: true });

    expect(await copyStore(t.path, database.url)).toEqual({
      kind: "conflict",
      table: "scores",
      rows: 1,
    });
    // The missing answer was put back in the same transaction, and rolled back with it.
    const after = byTable(await checkStore(t.path, database.url));
    expect(after.answers?.postgresRows).toBe((after.answers?.sqliteRows ?? 0) - 1);
  });

  describe("refuses", () => {
    it("a target that is not PostgreSQL", async () => {
      await expect(copyStore(t.path, "mysql://localhost/beleg")).rejects.toThrow(
        /must be a PostgreSQL URL/,
      );
    });

    it("a file that is not a Beleg database, or one at an older migration", async () => {
      await expect(copyStore(join(t.dir, "absent.sqlite"), database.url)).rejects.toThrow(
        StoreCopyRefused,
      );
      const foreign = join(t.dir, "foreign.sqlite");
      const notBeleg = new Database(foreign);
      notBeleg.exec("CREATE TABLE notes (body text)");
      notBeleg.close();
      await expect(copyStore(foreign, database.url)).rejects.toThrow(/not a Beleg database/);
      const older = join(t.dir, "older.sqlite");
      await t.db.$client.backup(older);
      const file = new Database(older);
      file.exec(
        "DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)",
      );
      file.close();
      await expect(copyStore(older, database.url)).rejects.toThrow(/Start Beleg once on it/);
    });
  });
});

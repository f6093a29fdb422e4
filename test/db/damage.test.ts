import { closeSync, existsSync, openSync, readdirSync, writeSync } from "node:fs";
import Database from "better-sqlite3";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseDamagedError } from "../../src/db/open-checked.ts";
import type { StartRequest } from "../../src/quiz/round-types.ts";
import { indexedTempApp, reopenApp, type TempApp } from "../support/temp-app.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const request: StartRequest = {
  guildId: "g1",
  channelId: "c1",
  starterId: "s",
  count: 1,
  seed: 3,
  kind: "mc",
  lang: "de",
  seconds: 60,
};

/** An indexed database with one answered question, closed as a stopped process leaves it. */
async function databaseWithScores(): Promise<TempApp> {
  const t = await indexedTempApp();
  cleanups.push(t.cleanup);
  await t.app.quiz.start(request);
  await t.app.quiz.openNext("c1");
  await t.app.quiz.answer("c1", { userId: "u1", userName: "Anna", option: 0 });
  await t.app.quiz.finish("c1");
  await t.app.close();
  return t;
}

/** Overwrites one page of `table` with garbage, as a failing disk or a stray write would. */
function damagePage(path: string, table: string): void {
  const db = new Database(path);
  db.pragma("wal_checkpoint(TRUNCATE)");
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  const page = db
    .prepare("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno DESC LIMIT 1")
    .pluck()
    .get(table) as number;
  db.close();
  const fd = openSync(path, "r+");
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

const snapshot = (db: Database.Database) => ({
  answers: db.prepare("SELECT * FROM answers ORDER BY id").all(),
  scores: db.prepare("SELECT * FROM scores ORDER BY user_id").all(),
  cards: db.prepare("SELECT * FROM review_cards ORDER BY claim_id").all(),
});

function logged() {
  const lines: string[] = [];
  return { logger: pino({ level: "info" }, { write: (l: string) => lines.push(l) }), lines };
}

// Each case indexes the corpus twice (build, then rebuild): about 8–25 s on a busy 2-core
// machine, so the default 30 s left no margin; the limit catches a hang, it times nothing.
describe("a damaged search index", () => {
  it("is detected at start-up and rebuilt around the answers, scores and review cards", async () => {
    const t = await databaseWithScores();
    const raw = new Database(t.path);
    const before = snapshot(raw);
    raw.close();
    damagePage(t.path, "passages_fts_data");
    const { logger, lines } = logged();
    const app = await reopenApp(t.path, { logger });
    expect(lines.join("")).toContain("the search index is damaged");
    expect(app.search.search("Golden Dome")[0]?.articleId).toBe("bezos-statt-musk");
    expect(snapshot(app.db.$client)).toEqual(before);
    expect(app.db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(readdirSync(t.dir).some((f) => f.includes(".damaged-"))).toBe(true);
    await app.close();
  }, 90_000);

  it("is rebuilt in place, in one transaction, while another process uses the file", async () => {
    const t = await indexedTempApp();
    cleanups.push(t.cleanup);
    await t.app.writes.run((tx) =>
      tx.$client.prepare("INSERT INTO passages_fts(passages_fts) VALUES ('delete-all')").run(),
    );
    const fullText = (db: Database.Database) =>
      db.prepare("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'kuip'").pluck().get();
    expect(fullText(t.db.$client)).toBe(0);
    const { logger, lines } = logged();
    const second = await reopenApp(t.path, { logger });
    expect(lines.join("")).toContain("the search index is damaged");
    expect(second.search.search("Golden Dome")[0]?.articleId).toBe("bezos-statt-musk");
    expect(fullText(t.db.$client)).toBeGreaterThan(0);
    expect(readdirSync(t.dir).some((f) => f.includes(".damaged-"))).toBe(false);
    await second.close();
  }, 90_000);
});

describe("damage to the tables that exist only in the database", () => {
  it("stops the start with the way out, and leaves the file as it is", async () => {
    const t = await databaseWithScores();
    damagePage(t.path, "answers");
    await expect(reopenApp(t.path, { logger: pino({ level: "silent" }) })).rejects.toThrow(
      DatabaseDamagedError,
    );
    await expect(reopenApp(t.path, { logger: pino({ level: "silent" }) })).rejects.toThrow(
      /restore a backup.*backup <file>/,
    );
    expect(existsSync(t.path)).toBe(true);
  });
});

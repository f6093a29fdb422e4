import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createInteractionContext } from "../../src/app.ts";
import { WriteFailedError } from "../../src/db/write-failure.ts";
import type { View } from "../../src/interactions/view.ts";
import type { StartRequest } from "../../src/quiz/round-types.ts";
import { indexedTempApp, type TempApp } from "../support/temp-app.ts";

const apps: TempApp[] = [];
const holders: Database.Database[] = [];
afterEach(async () => {
  for (const h of holders.splice(0)) if (h.open) h.close();
  for (const t of apps.splice(0)) await t.cleanup();
});

async function app(options: Parameters<typeof indexedTempApp>[0] = {}): Promise<TempApp> {
  const t = await indexedTempApp(options);
  apps.push(t);
  return t;
}

/** Another process's connection that takes the write lock and keeps it until released. */
function holdWriteLock(path: string) {
  const holder = new Database(path);
  holders.push(holder);
  holder.pragma("busy_timeout = 0");
  holder.exec("BEGIN IMMEDIATE");
  return { release: () => holder.exec("COMMIT") };
}

const request = (over: Partial<StartRequest> = {}): StartRequest => ({
  guildId: "g1",
  channelId: "c1",
  starterId: "starter",
  count: 2,
  seed: 7,
  kind: "mc",
  lang: "de",
  seconds: 60,
  ...over,
});
const user = (i: number) => ({ userId: `u${i}`, userName: `User ${i}` });
const stored = (t: TempApp) =>
  (t.db.$client.prepare("SELECT count(*) AS n FROM answers").get() as { n: number }).n;
const turn = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("another process holding the write lock", () => {
  it("never freezes the process: reads answer, and a click is stored once the lock is free", async () => {
    const t = await app();
    await t.app.quiz.start(request());
    await t.app.quiz.openNext("c1");
    const lock = holdWriteLock(t.path);
    let settled = false;
    const answer = t.app.quiz.answer("c1", { ...user(1), option: 0 });
    void answer.then(() => {
      settled = true;
    });
    await turn();
    expect(settled).toBe(false);
    expect(t.app.search.search("Golden Dome").length).toBeGreaterThan(0);
    expect(t.app.quiz.current("c1")).toMatchObject({ open: true });
    lock.release();
    expect((await answer).status).toBe("recorded");
    expect(stored(t)).toBe(1);
  });

  it("says 'not stored' when the lock outlasts the wait, counts nothing, and takes the retry", async () => {
    const t = await app({ writeQueue: { maxWaitMs: 200 } });
    await t.app.quiz.start(request());
    await t.app.quiz.openNext("c1");
    const lock = holdWriteLock(t.path);
    expect((await t.app.quiz.answer("c1", { ...user(1), option: 0 })).status).toBe("not-stored");
    lock.release();
    expect((await t.app.quiz.answer("c1", { ...user(1), option: 0 })).status).toBe("recorded");
    const reveal = await t.app.quiz.closeCurrent("c1");
    expect(reveal?.counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(stored(t)).toBe(1);
  });
});

describe("a full disk", () => {
  it("counts exactly the answers that were stored, and says so to the others", async () => {
    const t = await app();
    await t.app.quiz.start(request());
    await t.app.quiz.openNext("c1");
    const pages = t.db.$client.pragma("page_count", { simple: true }) as number;
    await t.app.writes.run((tx) => tx.$client.pragma(`max_page_count = ${pages}`));
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => t.app.quiz.answer("c1", { ...user(i), option: 1 })),
    );
    const recorded = results.filter((r) => r.status === "recorded").length;
    expect(results.filter((r) => r.status === "full").length).toBeGreaterThan(0);
    expect(results.every((r) => r.status === "recorded" || r.status === "full")).toBe(true);
    expect(stored(t)).toBe(recorded);
    const reveal = await t.app.quiz.closeCurrent("c1");
    expect(reveal?.counts.reduce((a, b) => a + b, 0)).toBe(recorded);
  });
});

describe("a round whose writes keep failing", () => {
  it("ends visibly as interrupted and frees its channel", async () => {
    const t = await app({ writeQueue: { maxWaitMs: 100 } });
    const posted: View[] = [];
    const ctx = createInteractionContext(
      t.app,
      {
        post: async (_c, view) => {
          posted.push(view);
          return { edit: async () => {} };
        },
      },
      { tickMs: 5, revealPauseMs: 5, retryPausesMs: [5, 5] },
    );
    const started = await ctx.runner.start(request(), async () => {});
    expect(started.ok).toBe(true);
    // The round is stored; opening its first question is not.
    const lock = holdWriteLock(t.path);
    await ctx.runner.whenFinished("c1");
    expect(JSON.stringify(posted)).toContain("Die Runde wurde unterbrochen.");
    expect(ctx.quiz.current("c1")).toBeUndefined();
    lock.release();
    await t.app.quiz.maintain();
    const status = t.db.$client.prepare("SELECT status FROM rounds").get() as { status: string };
    expect(status.status).toBe("interrupted");
    expect((await ctx.runner.start(request(), async () => {})).ok).toBe(true);
    await ctx.runner.shutdown();
  });
});

describe("the database file deleted under a running process", () => {
  it("stops accepting answers instead of storing them into the deleted file", async () => {
    const t = await app();
    await t.app.quiz.start(request());
    await t.app.quiz.openNext("c1");
    rmSync(t.path);
    expect((await t.app.quiz.answer("c1", { ...user(1), option: 0 })).status).toBe("unavailable");
    await expect(t.app.writes.run(() => undefined)).rejects.toBeInstanceOf(WriteFailedError);
  });
});

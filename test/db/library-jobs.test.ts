import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { refusalView } from "../../src/interactions/views/library.ts";
import type { JobBudget } from "../../src/library/jobs.ts";
import { migratedTempApp, type TempApp } from "../support/temp-app.ts";

let t: TempApp | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});
async function appWith(libraryJobs: Partial<JobBudget> = {}) {
  t = await migratedTempApp({ libraryJobs });
  return t.app;
}

const G1 = "200000000000000001";
const G2 = "200000000000000002";
const mod = { id: "m1", name: "Mira" };
const sentence = (i: number) => `Die Station ${i} baut die Firma Werk${i} aus Bremen.`;
/** A one-paragraph article of about 300 kB: the upload that froze every server. */
const big = {
  filename: "grossbau.md",
  text: Array.from({ length: 5500 }, (_, i) => sentence(i)).join(" "),
};
const small = { filename: "klein.md", text: "Die Firma Werk7 baut die Station 7 in Bremen." };

describe("library jobs", () => {
  it("refuses an upload whose analysis runs over its time budget, saying why, and stores nothing", async () => {
    const app = await appWith({ timeMs: 1 });
    const outcome = await app.library.add(G1, mod, big, "Großbau");
    expect(outcome).toEqual({ kind: "over-budget", resource: "time", limit: 1 });
    if (outcome.kind !== "over-budget") return;
    expect(refusalView(outcome, "de").content).toContain("länger als 1 s");
    expect(refusalView(outcome, "en").content).toContain("longer than 1 s");
    expect((await app.library.list(G1)).articles).toEqual([]);
  });

  it("refuses an upload whose analysis outgrows its memory budget", async () => {
    const app = await appWith({ memoryMb: 8 });
    const outcome = await app.library.add(G1, mod, big, "Großbau");
    expect(outcome).toEqual({ kind: "over-budget", resource: "memory", limit: 8 });
    if (outcome.kind !== "over-budget") return;
    expect(refusalView(outcome, "en").content).toContain("more than 8 MB");
    expect((await app.library.list(G1)).articles).toEqual([]);
  });

  it("runs one job per server, refusing a second, while another server's waits for the pool", async () => {
    const app = await appWith({ workers: 1 });
    const finished: string[] = [];
    const first = app.library.add(G1, mod, big, "Großbau").then((o) => {
      finished.push("first");
      return o;
    });
    expect(await app.library.add(G1, mod, small, "Klein")).toEqual({ kind: "busy" });
    const other = app.library.add(G2, mod, small, "Klein").then((o) => {
      finished.push("other");
      return o;
    });
    expect(await first).toMatchObject({ kind: "added", slug: "grossbau" });
    expect(await other).toMatchObject({ kind: "added", slug: "klein" });
    // The small job of the other server waited for the one worker the big job had.
    expect(finished).toEqual(["first", "other"]);
    expect(refusalView({ kind: "busy" }, "de").content).toContain("läuft gerade schon");
  });

  it("keeps 500 claims on a 300 kB article placed when the library changes", async () => {
    const app = await appWith();
    expect(await app.library.add(G1, mod, big, "Großbau")).toMatchObject({ kind: "added" });
    const claims = Array.from({ length: 500 }, (_, n) => ({
      id: `werk-${n * 11}`,
      quote: sentence(n * 11),
      question: { de: `Welche Firma baut die Station ${n * 11}?` },
      answer: [`Werk${n * 11}`],
      type: "organisation",
    }));
    const file = { filename: "grossbau.yaml", text: stringify(claims) };
    expect(await app.proposals.importFile(G1, mod, file, "grossbau")).toEqual({
      kind: "imported",
      added: 500,
      replaced: 0,
    });
    expect(await app.library.add(G1, mod, small, "Klein")).toMatchObject({ kind: "added" });
    const placed = app.db.$client
      .prepare("SELECT count(*) FROM claims WHERE guild_id = ? AND article_id = ?")
      .pluck()
      .get(G1, `g${G1}-grossbau`);
    expect(placed).toBe(500);
  });
});

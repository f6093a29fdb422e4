import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestCorpus } from "../../src/corpus/ingest.ts";
import { loadCorpus } from "../../src/corpus/load.ts";
import { createSearchIndex } from "../../src/search/searcher.ts";
import { REPO_CORPUS } from "../support/temp-corpus.ts";
import { tempDatabase } from "../support/temp-db.ts";
import { evaluate, formatMetrics, type GoldEntry, loadGold, plainFts5Ranker, targetPassages } from "./gold.ts";

/** The levels reached when this test was written; a change that falls below them fails. */
const FLOOR = { recallAt1: 0.95, recallAt3: 0.98, mrr10: 0.96 };

let t: ReturnType<typeof tempDatabase>;
let gold: GoldEntry[];
let targets: string[];
beforeAll(() => {
  t = tempDatabase();
  ingestCorpus(t.db, loadCorpus(REPO_CORPUS));
  gold = loadGold();
  targets = targetPassages(t.db, gold);
});
afterAll(() => t.cleanup());

describe("retrieval on the gold set", () => {
  it("has enough German queries of both kinds", () => {
    expect(gold.length).toBeGreaterThanOrEqual(30);
    expect(gold.some((g) => g.kind === "keywords")).toBe(true);
    expect(gold.some((g) => g.kind === "question")).toBe(true);
  });

  it("finds the right passage first almost always", () => {
    const index = createSearchIndex(t.db);
    const ours = evaluate(gold, targets, (q) => index.search(q, { limit: 10 }).map((r) => r.passageId));
    const plain = evaluate(gold, targets, plainFts5Ranker(t.db));
    console.info(`Beleg search   ${formatMetrics(ours)}\nplain FTS5 BM25 ${formatMetrics(plain)}`);
    for (const m of ours.misses) console.info(`  miss: ${m.query} → ${m.expected}, got ${m.got.join(", ")}`);
    expect(ours.recallAt1).toBeGreaterThanOrEqual(FLOOR.recallAt1);
    expect(ours.recallAt3).toBeGreaterThanOrEqual(FLOOR.recallAt3);
    expect(ours.mrr10).toBeGreaterThanOrEqual(FLOOR.mrr10);
    expect(ours.recallAt1).toBeGreaterThan(plain.recallAt1);
  });
});

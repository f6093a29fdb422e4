import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import type { Db } from "../../src/db/client.ts";

const GoldSchema = z.array(
  z.strictObject({
    query: z.string().min(1),
    article: z.string(),
    quote: z.string().min(10),
    kind: z.enum(["keywords", "question", "de-paraphrase", "en-unannotated", "en-paraphrase"]),
  }),
);
export type GoldEntry = z.infer<typeof GoldSchema>[number];

/** A query set of this folder: `gold.yaml` (the tuning set) or `holdout.yaml` (written apart). */
export function loadGold(file = "gold.yaml"): GoldEntry[] {
  const path = fileURLToPath(new URL(`./${file}`, import.meta.url));
  return GoldSchema.parse(parse(readFileSync(path, "utf8")));
}

export interface Metrics {
  readonly queries: number;
  readonly recallAt1: number;
  readonly recallAt3: number;
  readonly mrr10: number;
  readonly misses: { query: string; expected: string; got: string[] }[];
}

/** The passage ids that contain each gold quote (a quote may not be cut by a passage boundary). */
export function targetPassages(db: Db, gold: readonly GoldEntry[]): string[] {
  const find = db.$client.prepare(
    "SELECT id FROM passages WHERE article_id = ? AND instr(text, ?) > 0 AND is_heading = 0",
  );
  return gold.map((g) => {
    const rows = find.all(g.article, g.quote) as { id: string }[];
    if (rows.length !== 1) throw new Error(`gold quote must be in exactly one passage: ${g.quote}`);
    return (rows[0] as { id: string }).id;
  });
}

/** Recall@1, Recall@3 and MRR@10 of a ranking function over the gold set. */
export function evaluate(
  gold: readonly GoldEntry[],
  targets: readonly string[],
  rank: (query: string) => string[],
): Metrics {
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  const misses: Metrics["misses"] = [];
  gold.forEach((g, i) => {
    const ranked = rank(g.query).slice(0, 10);
    const position = ranked.indexOf(targets[i] as string);
    if (position === 0) hit1++;
    if (position >= 0 && position < 3) hit3++;
    if (position >= 0) rr += 1 / (position + 1);
    if (position !== 0)
      misses.push({ query: g.query, expected: targets[i] as string, got: ranked.slice(0, 3) });
  });
  const n = gold.length;
  return { queries: n, recallAt1: hit1 / n, recallAt3: hit3 / n, mrr10: rr / n, misses };
}

/**
 * The floor to compare against: plain FTS5 over the passage text (unicode61, diacritics
 * removed), the query's words OR-ed, ranked by BM25.
 */
export function plainFts5Ranker(db: Db): (query: string) => string[] {
  const sqlite = db.$client;
  sqlite.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS plain_fts USING fts5(text, tokenize='unicode61 remove_diacritics 2');
    DELETE FROM plain_fts;
    INSERT INTO plain_fts(rowid, text) SELECT docid, text FROM passages WHERE is_heading = 0;`);
  const stmt = sqlite.prepare(
    `SELECT p.id FROM plain_fts f JOIN passages p ON p.docid = f.rowid
     WHERE plain_fts MATCH ? ORDER BY bm25(plain_fts) LIMIT 10`,
  );
  return (query) => {
    const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0) return [];
    const match = words.map((w) => `"${w}"`).join(" OR ");
    return (stmt.all(match) as { id: string }[]).map((r) => r.id);
  };
}

export function formatMetrics(m: Metrics): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `n=${m.queries}  Recall@1 ${pct(m.recallAt1)}  Recall@3 ${pct(m.recallAt3)}  MRR@10 ${m.mrr10.toFixed(3)}`;
}

import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import type { Db } from "../../src/db/client.ts";
import { answerVerdict, type SearchResult } from "../../src/search/types.ts";
import { targetPassages } from "./gold.ts";

/** An evidence set: chat, claims the articles do not make, claims with one wrong detail, answerable ones. */
const EvidenceSchema = z.array(
  z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("chat"), query: z.string().min(1) }),
    z.strictObject({ kind: z.literal("unsupported"), query: z.string().min(1) }),
    z.strictObject({
      kind: z.literal("wrong-detail"),
      query: z.string().min(1),
      article: z.string(),
      quote: z.string().min(10),
      wrong: z.string().min(1),
      right: z.string().min(1),
    }),
    z.strictObject({
      kind: z.literal("answerable"),
      query: z.string().min(1),
      article: z.string(),
      quote: z.string().min(10),
      style: z.string(),
    }),
  ]),
);
export type EvidenceEntry = z.infer<typeof EvidenceSchema>[number];

export function loadEvidence(path: string): EvidenceEntry[] {
  return EvidenceSchema.parse(parse(readFileSync(path, "utf8")));
}

export interface KindFigures {
  readonly n: number;
  readonly none: number;
  readonly backs: number;
  readonly notBacks: number;
  /** Wrong-detail: the wrong detail in `missing` or `differences` of the passage holding the right one. */
  readonly named?: number;
  readonly recallAt1?: number;
  readonly recallAt3?: number;
  readonly misses: string[];
}

const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** The wrong detail is named when a missing word or a difference shares a word with it. */
function names(result: SearchResult | undefined, wrong: string): boolean {
  if (!result) return false;
  const wrongWords = wrong.split(/\s+/).map(fold).filter(Boolean);
  const said = [...result.missing, ...result.differences.map((d) => d.query)].map(fold);
  return said.some((s) => wrongWords.some((w) => s === w || s.includes(w) || w.includes(s)));
}

/** Verdict rates per kind, as the targets count them. */
export function evaluateEvidence(
  db: Db,
  entries: readonly EvidenceEntry[],
  search: (query: string) => SearchResult[],
): Record<string, KindFigures> {
  const figures: Record<string, KindFigures> = {};
  for (const kind of ["chat", "unsupported", "wrong-detail", "answerable"] as const) {
    const of = entries.filter((e) => e.kind === kind);
    const targets =
      kind === "wrong-detail" || kind === "answerable"
        ? targetPassages(
            db,
            of.map((e) => ({
              ...(e as { article: string; quote: string }),
              query: e.query,
              kind: "keywords" as const,
            })),
          )
        : [];
    let none = 0;
    let backs = 0;
    let named = 0;
    let at1 = 0;
    let at3 = 0;
    const misses: string[] = [];
    of.forEach((e, i) => {
      const results = search(e.query);
      const verdict = answerVerdict(results);
      if (verdict === "none") none++;
      if (verdict === "backs") backs++;
      const target = targets[i];
      const rank = results.findIndex((r) => r.passageId === target);
      if (rank === 0) at1++;
      if (rank >= 0 && rank < 3) at3++;
      const first = results[0];
      const shown = `${verdict} ${first?.passageId ?? "-"} missing=${JSON.stringify(first?.missing ?? [])} diff=${JSON.stringify(first?.differences ?? [])}`;
      if (e.kind === "wrong-detail") {
        const isNamed = names(results[rank], e.wrong);
        if (isNamed) named++;
        if (verdict === "backs" || !isNamed)
          misses.push(`${e.query} (wrong ${e.wrong}, rank ${rank}) → ${shown}`);
      } else if (e.kind === "answerable") {
        if (verdict !== "backs" || rank !== 0)
          misses.push(`[${e.style}] ${e.query} (rank ${rank}) → ${shown}`);
      } else if (kind === "chat" ? verdict !== "none" : verdict === "backs") {
        misses.push(`${e.query} → ${shown}`);
      }
    });
    const n = of.length;
    figures[kind] = {
      n,
      none: none / n,
      backs: backs / n,
      notBacks: (n - backs) / n,
      ...(kind === "wrong-detail" ? { named: named / n } : {}),
      ...(kind === "answerable" ? { recallAt1: at1 / n, recallAt3: at3 / n } : {}),
      misses,
    };
  }
  return figures;
}

const pct = (x: number | undefined) => (x === undefined ? "–" : `${(100 * x).toFixed(1)} %`);

/** One table row per kind: n, none, backs, not backs, named, R@1, R@3. */
export function formatEvidence(figures: Record<string, KindFigures>): string {
  const rows = Object.entries(figures).map(
    ([kind, f]) =>
      `| ${kind} | ${f.n} | ${pct(f.none)} | ${pct(f.backs)} | ${pct(f.notBacks)} | ${pct(f.named)} | ${pct(f.recallAt1)} | ${pct(f.recallAt3)} |`,
  );
  return [
    "| kind | n | none | backs | not backs | wrong detail named | R@1 | R@3 |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

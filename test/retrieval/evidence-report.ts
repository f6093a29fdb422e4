/**
 * Prints the verdict rates of evidence sets, pooled when several are given:
 * `npx tsx test/retrieval/evidence-report.ts <file.yaml>... [--misses]`. The same figures as
 * test/retrieval/evidence.test.ts, for tuning.
 */
import { indexedTempApp } from "../support/temp-app.ts";
import { evaluateEvidence, formatEvidence, loadEvidence } from "./evidence.ts";

const args = process.argv.slice(2);
const flag = args.includes("--misses") ? "--misses" : undefined;
const files = args.filter((a) => a !== "--misses");
if (files.length === 0) {
  process.stderr.write("usage: evidence-report.ts <file.yaml>... [--misses]\n");
  process.exit(2);
}
const t = await indexedTempApp();
try {
  const figures = evaluateEvidence(t.db, files.flatMap(loadEvidence), (q) =>
    t.app.search.search(q, { limit: 10 }),
  );
  process.stdout.write(`${formatEvidence(figures)}\n`);
  if (flag === "--misses") {
    for (const [kind, f] of Object.entries(figures)) {
      process.stdout.write(`\n## ${kind}\n${f.misses.join("\n")}\n`);
    }
  }
} finally {
  await t.cleanup();
}

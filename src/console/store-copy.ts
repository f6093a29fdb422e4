import type { CopyOutcome, StoreComparison } from "../db/store-copy/copy.ts";

/** Digits of each 64-digit checksum shown; whether they match is decided on all 64. */
const SHOWN_DIGITS = 16;

/** The per-table comparison as terminal text (`cli store copy` and `cli store check`). */
export function comparisonText(comparison: StoreComparison): string {
  const copied = comparison.tables.some((t) => t.inserted !== undefined);
  const head = ["table", "SQLite rows", "PostgreSQL rows", ...(copied ? ["inserted"] : [])];
  const rows = comparison.tables.map((t) => [
    t.table,
    String(t.sqliteRows),
    String(t.postgresRows),
    ...(copied ? [String(t.inserted ?? 0)] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ");
  const sums = comparison.tables.map((t) =>
    [
      t.sqliteChecksum.slice(0, SHOWN_DIGITS),
      t.postgresChecksum.slice(0, SHOWN_DIGITS),
      t.matches ? "match" : "DIFFERENT",
    ].join("  "),
  );
  const table = [
    `${line(head)}  checksum SQLite    checksum PostgreSQL`,
    ...rows.map((r, i) => `${line(r)}  ${sums[i]}`),
  ];
  const skipped = comparison.notCopied.map((n) => `Not copied: ${n.table} (${n.reason}).`);
  const differing = comparison.tables.filter((t) => !t.matches).map((t) => t.table);
  const verdict =
    differing.length === 0
      ? "All tables match."
      : `${differing.length} of ${comparison.tables.length} tables differ: ${differing.join(", ")}.`;
  return `${[...table, ...skipped, verdict].join("\n")}\n`;
}

/** The outcome of `cli store copy`. */
export function copyOutcomeText(outcome: CopyOutcome): string {
  if (outcome.kind === "copied") return comparisonText(outcome.comparison);
  return (
    `Nothing copied: PostgreSQL already holds ${outcome.rows} different ` +
    `row${outcome.rows === 1 ? "" : "s"} under the keys of SQLite's rows in table ${outcome.table} ` +
    "(the target holds another community's data, or this one's changed since an earlier copy).\n"
  );
}

import { createHash } from "node:crypto";

/**
 * Table checksums computed the same way over SQLite and PostgreSQL rows. Each row (its values
 * as the PostgreSQL schema types them, in the schema's column order) is written as canonical
 * JSON and hashed with SHA-256; a table's checksum is the sum of its row digests modulo 2^256.
 * The sum does not depend on the order rows are read in: SQLite orders text keys by their bytes,
 * PostgreSQL by its collation, and each side can stream its rows in whatever order is cheapest.
 * Rows are unique by primary key, so any changed, missing or extra row changes the checksum.
 */

const MODULUS = 1n << 256n;

/** A value as the PostgreSQL schema types it: what drizzle returns for the column. */
export type TypedValue = null | boolean | number | string | bigint | object;

/** JSON with object keys sorted at every level (jsonb does not keep the written key order). */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`a row holds the number ${value}`);
    return JSON.stringify(value);
  }
  if (typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function rowDigest(row: readonly TypedValue[]): bigint {
  return BigInt(`0x${createHash("sha256").update(canonicalJson(row)).digest("hex")}`);
}

/** Counts rows and adds up their digests. */
export class TableChecksum {
  #sum = 0n;
  #rows = 0;

  add(row: readonly TypedValue[]): void {
    this.#sum = (this.#sum + rowDigest(row)) % MODULUS;
    this.#rows += 1;
  }

  get rows(): number {
    return this.#rows;
  }

  /** 64 hex digits. */
  get hex(): string {
    return this.#sum.toString(16).padStart(64, "0");
  }
}

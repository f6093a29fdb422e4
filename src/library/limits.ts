import { WriteFailedError, type WriteFailure } from "../db/write-failure.ts";
import type { ZipProblem } from "./bundle.ts";
import type { JobRefusal } from "./jobs.ts";

/** What one server may keep in its library; the messages name these numbers. */
export const LIBRARY_LIMITS = {
  /** Articles of its own. */
  articles: 30,
  /** Bytes of one uploaded article or claims file. */
  fileBytes: 300_000,
  /** Bytes of an uploaded library zip. */
  bundleBytes: 3_000_000,
  /** Files in an uploaded library zip. */
  bundleFiles: 100,
  /**
   * Bytes of an uploaded zip's files together, as inflated: a full library (30 articles at their
   * limit and 500 claims) with room to spare.
   */
  bundleUnpackedBytes: 12_000_000,
  /** Claims of its own, proposed, approved or rejected. */
  claims: 500,
  /** Proposals one member may make in an hour. */
  proposalsPerHour: 10,
} as const;

export type Refusal =
  | { readonly kind: "too-many-articles"; readonly limit: number }
  | { readonly kind: "too-many-claims"; readonly limit: number }
  | { readonly kind: "too-large"; readonly limit: number }
  | { readonly kind: "too-often"; readonly limit: number }
  /** Its problems, each as "file:line: message" or "field: message". */
  | { readonly kind: "invalid"; readonly problems: readonly string[] }
  /** A zip refused as a zip (its structure or its sizes), before its files are read as such. */
  | { readonly kind: "bad-zip"; readonly problems: readonly ZipProblem[] }
  | { readonly kind: "unknown-article"; readonly typed: string }
  /** The write did not commit; the reason says whether trying again can help. */
  | { readonly kind: "not-stored"; readonly reason: WriteFailure }
  /** A library job that was not run: one of the server's runs already, or it went over budget. */
  | JobRefusal;

/**
 * A server's article may not take the id of a shared one: `/library remove`, the claims files of
 * an export and an import could not tell the two apart.
 */
export const sharedIdProblem = (slug: string) =>
  `"${slug}" is the id of an article of the shared corpus; give the file another name`;

/** Runs a library write; a write the database could not take is a refusal, not an error. */
export async function storeOrRefuse<T>(
  write: () => Promise<T>,
): Promise<T | { kind: "not-stored"; reason: WriteFailure }> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof WriteFailedError) return { kind: "not-stored", reason: error.reason };
    throw error;
  }
}

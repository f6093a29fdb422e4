import type { Db } from "../db/client.ts";
import { WriteFailedError, type WriteQueue } from "../db/write-queue.ts";
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
  | { readonly kind: "unknown-article"; readonly typed: string }
  | { readonly kind: "not-stored" }
  /** A library job that was not run: one of the server's runs already, or it went over budget. */
  | JobRefusal;

/** Runs a library write; a write the database could not take is a refusal, not an error. */
export async function storeOrRefuse<T>(
  writes: WriteQueue,
  work: (tx: Db) => T,
): Promise<T | { kind: "not-stored" }> {
  try {
    return await writes.run(work);
  } catch (error) {
    if (error instanceof WriteFailedError) return { kind: "not-stored" };
    throw error;
  }
}

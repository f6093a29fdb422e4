import { WriteFailedError, type WriteFailure } from "../db/write-failure.ts";
import type { Texts } from "./i18n.ts";

/**
 * What a user is told when a write did not commit, by why: the one place a storage failure
 * becomes words. A locked database may be tried again; a full disk needs room; a file that is
 * gone needs a restart.
 */
export function notStoredText(t: Texts, reason: WriteFailure): string {
  return { timeout: t.notStored, failed: t.notStored, full: t.storageFull, gone: t.unavailable }[
    reason
  ];
}

/** The words for a write failure that reached the error boundary, if it is one. */
export function storageFailureText(t: Texts, error: unknown): string | undefined {
  return error instanceof WriteFailedError ? notStoredText(t, error.reason) : undefined;
}

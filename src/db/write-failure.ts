/**
 * Why a write did not commit. "timeout": the database did not take it in time (another process
 * held the lock, or the server was busy, restarting or out of reach), try again.
 * "failed": the write could not be stored. "full": the disk (or the database's size limit) is
 * full until someone makes room. "gone": the database file is deleted, moved, replaced, damaged or
 * can no longer be written: nothing is stored until Beleg is restarted. Shared by every back end,
 * so it imports no driver.
 */
export type WriteFailure = "timeout" | "failed" | "full" | "gone";

/** What a caller tells a user of a failed write: try again, the disk is full, or restart Beleg. */
export type StorageOutcome = "not-stored" | "full" | "unavailable";

export function storageOutcome(reason: WriteFailure): StorageOutcome {
  return reason === "gone" ? "unavailable" : reason === "full" ? "full" : "not-stored";
}

/** A failed write as a refusal to tell the user; any other error is thrown on. */
export function refusedWrite(error: unknown): {
  readonly ok: false;
  readonly reason: StorageOutcome;
} {
  if (error instanceof WriteFailedError) return { ok: false, reason: storageOutcome(error.reason) };
  throw error;
}

/** A write that did not commit: nothing of it is stored. */
export class WriteFailedError extends Error {
  constructor(
    readonly reason: WriteFailure,
    options?: { cause?: unknown },
  ) {
    super(
      {
        timeout: "the database did not take the write in time (locked, busy or out of reach)",
        failed: "the database could not store the write",
        full: "the disk holding the database is full",
        gone: "the database is gone or can no longer be written",
      }[reason],
      options,
    );
    this.name = "WriteFailedError";
  }
}

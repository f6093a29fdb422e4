import { WriteFailedError, type WriteFailure } from "../write-failure.ts";

/**
 * What a PostgreSQL error means for a write: try the transaction again ("retry"), a storage
 * failure as the SQLite path names them, or undefined for the write's own error (a constraint,
 * a bug) which its caller handles.
 */
export type PgErrorKind = "retry" | WriteFailure | undefined;

/**
 * The driver's error inside a wrapper: drizzle throws "Failed query: …" with the `pg` error as
 * its cause.
 */
function driverError(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if ("code" in current || current.cause === undefined) return current;
    current = current.cause;
  }
  return current;
}

const codeOf = (error: unknown): unknown => (driverError(error) as { code?: unknown } | null)?.code;

/** The SQLSTATE the server answered with, if it did. */
export const sqlState = (error: unknown): string | undefined => {
  const code = codeOf(error);
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};

/** Socket errors of a lost or refused connection (node's codes). */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/** node `pg` reports a lost connection or a full pool with plain errors, known by their text. */
const LOST_CONNECTION =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Query read timeout)/;

/** SQLSTATEs of a server that is restarting, shutting down, refusing or cancelling: try again. */
const TRY_AGAIN = new Set([
  "57P01", // admin_shutdown (a fast or immediate stop, pg_terminate_backend)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, recovering)
  "57P05", // idle_session_timeout
  "57014", // query_canceled: the statement timeout
  "55P03", // lock_not_available: lock_timeout
  "53300", // too_many_connections
  "25P04", // idle_in_transaction_session_timeout
  "40003", // statement_completion_unknown: never assume it committed
]);

/** The database is no longer there or no longer ours: nothing mends while the process runs. */
const GONE = new Set([
  "3D000", // invalid_catalog_name: the database was dropped
  "28000", // invalid_authorization_specification
  "28P01", // invalid_password
  "XX001", // data_corrupted
  "XX002", // index_corrupted
]);

export function classifyPgError(error: unknown): PgErrorKind {
  const state = sqlState(error);
  if (state !== undefined) {
    if (state === "40001" || state === "40P01") return "retry";
    if (state.startsWith("08") || TRY_AGAIN.has(state)) return "timeout";
    if (state === "53100") return "full";
    if (GONE.has(state)) return "gone";
    // Out of memory, I/O errors, a read-only server: the write was refused, try again later.
    if (state.startsWith("53") || state.startsWith("58") || state === "25006") return "failed";
    return undefined;
  }
  const code = codeOf(error);
  if (typeof code === "string" && NETWORK_CODES.has(code)) return "timeout";
  const cause = driverError(error);
  if (cause instanceof Error && LOST_CONNECTION.test(cause.message)) return "timeout";
  return undefined;
}

/**
 * The error a failed write throws: a storage failure as a WriteFailedError (a retryable conflict
 * that ran out of time is a "timeout"), the write's own error as it is.
 */
export function writeErrorOf(error: unknown): unknown {
  if (error instanceof WriteFailedError) return error;
  const kind = classifyPgError(error);
  if (kind === undefined) return error;
  return new WriteFailedError(kind === "retry" ? "timeout" : kind, { cause: error });
}

/** A unique index or primary key refused the row (a second answer, a taken slug). */
export const isUniqueViolation = (error: unknown) => sqlState(error) === "23505";

/** Any integrity constraint (unique, foreign key, not null, check) refused the write. */
export const isConstraintViolation = (error: unknown) => sqlState(error)?.startsWith("23") === true;

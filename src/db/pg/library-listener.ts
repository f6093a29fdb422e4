import pg from "pg";
import { LIBRARY_CHANNEL } from "./library-changes.ts";

/**
 * What the listener tells: a committed change of a server's library (`changed`), or that it
 * listens (again) from now on (`listening`). Changes committed while it was not listening (before
 * the first connection, or while a lost one was re-made) are not announced to it: on `listening`,
 * catch up with the store's `changesSince(last version seen)`.
 */
export type LibraryNotice =
  | { readonly kind: "changed"; readonly guildId: string; readonly version: number }
  | { readonly kind: "listening" };

export interface LibraryListenerOptions {
  /** Told why a connection failed or was lost (for the log); the listener connects again. */
  readonly onError?: (error: Error) => void;
  /** First wait before connecting again; it doubles up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  /**
   * How often the connection is asked whether it still answers, and how long it may take: a
   * connection that went silent (a host or network gone without closing it) is otherwise
   * noticed only by the system's TCP keep-alive, after hours.
   */
  readonly pingMs?: number;
}

export interface LibraryListener {
  /** Stops listening and closes the connection; nothing is told after it resolves. */
  close(): Promise<void>;
}

/** The name the listening connection shows in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = "beleg-library-listener";

/** A payload of `changed` (library-changes.ts): `<guildId>:<version>`. */
function parseNotice(payload: string): LibraryNotice | undefined {
  const colon = payload.lastIndexOf(":");
  const version = Number(payload.slice(colon + 1));
  if (colon <= 0 || !Number.isSafeInteger(version)) return undefined;
  return { kind: "changed", guildId: payload.slice(0, colon), version };
}

/**
 * LISTENs for library changes on a connection of its own (outside the pool: it is held for as
 * long as the process runs, and a pooled connection may be handed out mid-transaction), with the
 * pool's settings. A lost connection is made again, waiting longer after each failure in a row.
 */
export function listenLibraryChanges(
  pool: pg.Pool,
  onNotice: (notice: LibraryNotice) => void,
  options: LibraryListenerOptions = {},
): LibraryListener {
  const retryMs = options.retryMs ?? 100;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  const pingMs = options.pingMs ?? 10_000;
  let closed = false;
  let current: pg.Client | undefined;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let pinger: NodeJS.Timeout | undefined;

  const lost = (client: pg.Client, error?: Error) => {
    if (error) options.onError?.(error);
    if (current !== client) return;
    current = undefined;
    clearInterval(pinger);
    client.end().catch(() => {});
    if (closed) return;
    const wait = Math.min(maxRetryMs, retryMs * 2 ** failures);
    failures++;
    timer = setTimeout(connect, wait);
  };

  const connect = async () => {
    timer = undefined;
    const client = new pg.Client({
      ...pool.options,
      application_name: LISTENER_APPLICATION_NAME,
      // A LISTEN connection idles between notifications: no statement timeout applies to it.
      statement_timeout: undefined,
      // A ping unanswered this long fails, and the connection is made again.
      query_timeout: pingMs,
    });
    current = client;
    client.on("notification", (message) => {
      const notice =
        message.channel === LIBRARY_CHANNEL && message.payload
          ? parseNotice(message.payload)
          : undefined;
      if (notice && current === client && !closed) onNotice(notice);
    });
    // Without an "error" listener a connection the server cuts would end the process.
    client.on("error", (error) => lost(client, error));
    client.on("end", () => lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${LIBRARY_CHANNEL}`);
    } catch (error) {
      lost(client, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (current !== client || closed) return;
    failures = 0;
    pinger = setInterval(() => {
      client.query("SELECT 1").catch((error: Error) => lost(client, error));
    }, pingMs);
    onNotice({ kind: "listening" });
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(pinger);
      const client = current;
      current = undefined;
      await client?.end().catch(() => {});
    },
  };
}

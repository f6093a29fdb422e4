import { fileURLToPath } from "node:url";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { sqlState } from "./errors.ts";
import * as schema from "./schema.ts";

export type PgDb = NodePgDatabase<typeof schema>;

const MIGRATIONS_DIR = fileURLToPath(new URL("../../../migrations/pg", import.meta.url));

/** Any fixed number: processes starting together migrate one after the other under it. */
const MIGRATION_LOCK = 0x62656c6567;

export interface PostgresOptions {
  /** Most connections this process holds (PG_POOL_SIZE); the defaults are in src/config.ts. */
  readonly poolSize: number;
  /** The server cancels a statement running longer (PG_STATEMENT_TIMEOUT_MS), per connection. */
  readonly statementTimeoutMs: number;
  /** How long opening a connection, or waiting for a free one, may take (PG_CONNECT_TIMEOUT_MS). */
  readonly connectTimeoutMs: number;
  /** Told of an idle connection's failure (the server restarted); the pool replaces it. */
  readonly onIdleError?: (error: Error) => void;
}

export interface Postgres {
  readonly db: PgDb;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * A session left idle inside a transaction (a frozen process) holds its row locks until the
 * server ends it; this bounds how long others wait for them.
 */
const IDLE_IN_TRANSACTION_MS = 10_000;

/**
 * Opens a pool on `url` and migrates the database (migrations/pg). TLS follows the URL's
 * `sslmode` (and `sslrootcert`, `sslcert`, `sslkey`) as node `pg` reads them.
 */
export async function openPostgres(url: string, options: PostgresOptions): Promise<Postgres> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize,
    statement_timeout: options.statementTimeoutMs,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: "beleg",
    keepAlive: true,
  });
  // Without a listener an idle connection dropped by the server would end the process.
  pool.on("error", (error) => options.onIdleError?.(error));
  try {
    await migrateLocked(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { db: drizzle(pool, { schema }), pool, close: () => pool.end() };
}

/** Migrates on one connection holding an advisory lock, so concurrent starts do not collide. */
function migrateLocked(pool: pg.Pool): Promise<void> {
  return withConnection(pool, async (client) => {
    // Migrations may take longer than a write is allowed to.
    await client.query("SET statement_timeout = 0");
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
    await client.query("RESET statement_timeout");
  });
}

/**
 * Runs `work` on one pooled connection and gives it back. node `pg` emits an "error" on a
 * checked-out connection the server drops, which would end the process without a listener. A
 * connection that failed, or that `work` discards (a ROLLBACK that failed), is destroyed instead
 * of going back to the pool; one that merely refused a statement is reused.
 */
export async function withConnection<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, discard: () => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let unusable: Error | boolean = false;
  const onError = (error: Error) => {
    unusable = error;
  };
  client.on("error", onError);
  try {
    return await work(client, () => {
      unusable ||= true;
    });
  } catch (error) {
    if (!refusedByServer(error)) unusable ||= true;
    throw error;
  } finally {
    client.off("error", onError);
    client.release(unusable);
  }
}

/** An error the server answered with and then went on serving the connection. */
function refusedByServer(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && !state.startsWith("08") && !state.startsWith("57P");
}

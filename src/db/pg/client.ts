import { fileURLToPath } from "node:url";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
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
async function migrateLocked(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    // Migrations may take longer than a write is allowed to.
    await client.query("SET statement_timeout = 0");
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
    await client.query("RESET statement_timeout");
    client.release();
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

import { sql } from "drizzle-orm";
import { openPostgres } from "../../src/db/pg/client.ts";
import { PgLibraryStore } from "../../src/db/pg/library-store.ts";
import {
  libraryArticles,
  libraryClaims,
  libraryEvents,
  libraryHidden,
  librarySettings,
  libraryVersions,
} from "../../src/db/pg/schema.ts";
import type { LibraryStore } from "../../src/library/stores.ts";
import { pgTestDatabase, type TestDatabase } from "./pg-cluster.ts";

const LIBRARY_TABLES = [
  libraryArticles,
  libraryClaims,
  libraryEvents,
  libraryHidden,
  librarySettings,
  libraryVersions,
].map((table) => sql`${table}`);

/**
 * PostgreSQL library stores for a test file: one database on the test server (pg-cluster.ts),
 * created on first use and emptied for each store opened on it; `drop` it after the file.
 */
export function pgLibraryStores() {
  let database: Promise<TestDatabase> | undefined;
  return {
    async open(): Promise<{ store: LibraryStore; close(): Promise<void> }> {
      database ??= pgTestDatabase();
      const postgres = await openPostgres((await database).url, {
        poolSize: 4,
        statementTimeoutMs: 2_000,
        connectTimeoutMs: 2_500,
      });
      await postgres.db.execute(
        sql`TRUNCATE ${sql.join(LIBRARY_TABLES, sql`, `)} RESTART IDENTITY`,
      );
      return {
        store: new PgLibraryStore(postgres.pool, postgres.db),
        close: () => postgres.close(),
      };
    },
    async drop(): Promise<void> {
      await (await database)?.close();
    },
  };
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { type App, openApp } from "../../src/app.ts";
import { DEBIAN_LEXICONS } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import type { WriteQueueOptions } from "../../src/db/write-queue.ts";
import type { JobBudget } from "../../src/library/jobs.ts";
import type { LibraryDeps } from "../../src/library/services.ts";
import type { Logger } from "../../src/logger.ts";
import { pgTestDatabase } from "./pg-cluster.ts";
import { TEST_STORE } from "./state-rows.ts";
import { REPO_CORPUS } from "./temp-corpus.ts";

export interface TempApp {
  readonly app: App;
  /** The app's database, for tests that look at the tables. */
  readonly db: Db;
  readonly path: string;
  readonly dir: string;
  /** The PostgreSQL database holding the shared state, when the app runs on one. */
  readonly postgresUrl: string | undefined;
  /** Closes the app and removes its folder. */
  cleanup(): Promise<void>;
}

export interface TempAppOptions {
  readonly clock?: () => number;
  readonly logger?: Logger;
  readonly writeQueue?: WriteQueueOptions;
  /** Rebuild the search index on opening (`cli ingest --rebuild`). */
  readonly rebuild?: boolean;
  /** Budgets of library jobs (a tiny one to see a job refused). */
  readonly libraryJobs?: Partial<JobBudget>;
  /** The shared state on this PostgreSQL database; the search index stays in the file. */
  readonly postgresUrl?: string;
}

/** The settings of the app's PostgreSQL back end, as DATABASE_URL would give them. */
export const postgresSettings = (url: string, searchIndexPath: string) => ({
  url,
  poolSize: 10,
  statementTimeoutMs: 2000,
  connectTimeoutMs: 2000,
  searchIndexPath,
});

/** Opens another app on an existing database file, as a second process or a restart would. */
export function reopenApp(path: string, options: TempAppOptions = {}): Promise<App> {
  return openApp(
    {
      databasePath: path,
      corpusDir: REPO_CORPUS,
      lexicons: DEBIAN_LEXICONS,
      ...(options.postgresUrl ? { postgres: postgresSettings(options.postgresUrl, path) } : {}),
    },
    {
      logger: options.logger ?? pino({ level: "silent" }),
      refresh: false,
      ...(options.rebuild ? { rebuild: true } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.writeQueue ? { writeQueue: options.writeQueue } : {}),
      ...(options.libraryJobs ? { libraryJobs: options.libraryJobs } : {}),
    },
  );
}

async function tempApp(corpusDir: string | undefined, options: TempAppOptions): Promise<TempApp> {
  const dir = mkdtempSync(join(tmpdir(), "beleg-test-"));
  const path = join(dir, "beleg.sqlite");
  const database =
    options.postgresUrl === undefined && TEST_STORE === "postgres"
      ? await pgTestDatabase()
      : undefined;
  const postgresUrl = options.postgresUrl ?? database?.url;
  const app = await openApp(
    {
      databasePath: path,
      corpusDir: corpusDir ?? join(dir, "no-corpus"),
      lexicons: DEBIAN_LEXICONS,
      ...(postgresUrl ? { postgres: postgresSettings(postgresUrl, path) } : {}),
    },
    {
      logger: options.logger ?? pino({ level: "silent" }),
      refresh: corpusDir !== undefined,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.writeQueue ? { writeQueue: options.writeQueue } : {}),
      ...(options.libraryJobs ? { libraryJobs: options.libraryJobs } : {}),
    },
  );
  return {
    app,
    db: app.db,
    path,
    dir,
    postgresUrl,
    cleanup: async () => {
      await app.close();
      await database?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database file with the real migrations and nothing indexed. */
export function migratedTempApp(options: TempAppOptions = {}): Promise<TempApp> {
  return tempApp(undefined, options);
}

/** A fresh database file with the repository's corpus indexed. */
export function indexedTempApp(options: TempAppOptions = {}): Promise<TempApp> {
  return tempApp(REPO_CORPUS, options);
}

/** What the library's functions take, from an app's services. */
export const libraryDeps = (app: App): LibraryDeps => ({
  db: app.db,
  store: app.libraryStore,
  index: app.libraryIndex,
  corpus: app.corpus,
  clock: app.clock,
  jobs: app.jobs,
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { type App, openApp } from "../../src/app.ts";
import type { Db } from "../../src/db/client.ts";
import type { Logger } from "../../src/logger.ts";
import { REPO_CORPUS } from "./temp-corpus.ts";

export interface TempApp {
  readonly app: App;
  /** The app's database, for tests that look at the tables. */
  readonly db: Db;
  readonly path: string;
  readonly dir: string;
  /** Closes the app and removes its folder. */
  cleanup(): void;
}

export interface TempAppOptions {
  readonly clock?: () => number;
  readonly logger?: Logger;
}

function tempApp(corpusDir: string | undefined, options: TempAppOptions): TempApp {
  const dir = mkdtempSync(join(tmpdir(), "beleg-test-"));
  const path = join(dir, "beleg.sqlite");
  const app = openApp(
    { databasePath: path, corpusDir: corpusDir ?? join(dir, "no-corpus") },
    {
      logger: options.logger ?? pino({ level: "silent" }),
      refresh: corpusDir !== undefined,
      ...(options.clock ? { clock: options.clock } : {}),
    },
  );
  return {
    app,
    db: app.db,
    path,
    dir,
    cleanup: () => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database file with the real migrations and nothing indexed. */
export function migratedTempApp(options: TempAppOptions = {}): TempApp {
  return tempApp(undefined, options);
}

/** A fresh database file with the repository's corpus indexed. */
export function indexedTempApp(options: TempAppOptions = {}): TempApp {
  return tempApp(REPO_CORPUS, options);
}

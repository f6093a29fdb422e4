import type { PostgresConfig } from "../config.ts";
import type { LibraryStore } from "../library/stores.ts";
import type { Logger } from "../logger.ts";
import type { QuizStores } from "../quiz/stores.ts";
import type { Db } from "./client.ts";
import { type AnswerBatching, defaultAnswerBatching } from "./pg/answer-store.ts";
import { openPostgres } from "./pg/client.ts";
import { type LibraryNotice, listenLibraryChanges } from "./pg/library-listener.ts";
import { PgLibraryStore } from "./pg/library-store.ts";
import { pgQuizStores } from "./pg/quiz-stores.ts";
import { SqliteLibraryStore } from "./sqlite/library-store.ts";
import { sqliteQuizStores } from "./sqlite/quiz-stores.ts";
import type { WriteQueue } from "./write-queue.ts";

/** Where the shared state lives: the quiz and library stores of one back end. */
export interface Storage {
  readonly backend: "sqlite" | "postgres";
  readonly quiz: QuizStores;
  readonly library: LibraryStore;
  /**
   * Tells `onNotice` of library changes committed by any process, as soon as they commit; on
   * SQLite, where every process reads the one file, there is nothing to listen to.
   */
  listenLibrary(onNotice: (notice: LibraryNotice) => void): void;
  /** Settles the writes still gathered for a group commit, then lets go of the back end. */
  close(): Promise<void>;
}

/**
 * The shared state in the SQLite file that also holds the search index (the default): its
 * writes go through that file's write queue.
 */
export function sqliteStorage(reader: Db, writes: WriteQueue): Storage {
  return {
    backend: "sqlite",
    quiz: sqliteQuizStores(reader, writes),
    library: new SqliteLibraryStore(reader, writes),
    listenLibrary: () => undefined,
    close: () => writes.drained(),
  };
}

/**
 * The shared state on a PostgreSQL server (DATABASE_URL), migrated on opening; `answerBatching`
 * overrides the default group commit of answers.
 */
export async function postgresStorage(
  config: PostgresConfig,
  logger: Logger,
  answerBatching: Partial<AnswerBatching> = {},
): Promise<Storage> {
  const pg = await openPostgres(config.url, {
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    connectTimeoutMs: config.connectTimeoutMs,
    onIdleError: (error) => logger.warn({ err: error }, "a PostgreSQL connection was lost"),
  });
  const quiz = pgQuizStores(pg, { ...defaultAnswerBatching(pg.pool), ...answerBatching });
  const listeners: { close(): Promise<void> }[] = [];
  return {
    backend: "postgres",
    quiz,
    library: new PgLibraryStore(pg.pool, pg.db),
    listenLibrary(onNotice) {
      // A server that is down fails every reconnection: the log says so once, and when it is back.
      let failing = false;
      const heard = (notice: LibraryNotice) => {
        if (notice.kind === "listening" && failing) {
          failing = false;
          logger.info("library changes are heard again");
        }
        onNotice(notice);
      };
      const onError = (error: Error) => {
        if (failing) logger.debug({ err: error }, "library changes still not heard");
        else logger.warn({ err: error }, "library changes not heard; reconnecting until they are");
        failing = true;
      };
      listeners.push(listenLibraryChanges(pg.pool, heard, { onError }));
    },
    async close() {
      await Promise.all(listeners.map((l) => l.close()));
      await quiz.drained();
      await pg.close();
    },
  };
}

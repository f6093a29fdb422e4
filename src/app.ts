import { statSync } from "node:fs";
import { type Config, DEBIAN_WORD_LISTS } from "./config.ts";
import { type RefreshOutcome, refreshIndex } from "./corpus/index-corpus.ts";
import type { IngestProgress } from "./corpus/ingest.ts";
import { missingLexicons } from "./corpus/lexicons.ts";
import { formatProblem } from "./corpus/problems.ts";
import { CorpusReader } from "./corpus/reader.ts";
import { type Db, openDatabase } from "./db/client.ts";
import { inspectDatabase } from "./db/health.ts";
import { rebuildDatabaseFile } from "./db/rebuild.ts";
import { SqliteLibraryStore } from "./db/sqlite/library-store.ts";
import { othersAlive } from "./db/sqlite/owner-store.ts";
import { sqliteQuizStores } from "./db/sqlite/quiz-stores.ts";
import { WriteQueue, type WriteQueueOptions } from "./db/write-queue.ts";
import type { InteractionContext } from "./interactions/context.ts";
import { QuizRunner, type RunnerOptions } from "./interactions/quiz-runner.ts";
import type { ChannelPoster } from "./interactions/request.ts";
import { SessionStore } from "./interactions/sessions.ts";
import {
  type AttachmentFetcher,
  attachmentFetcher,
  DISCORD_ATTACHMENT_ORIGINS,
} from "./library/download.ts";
import { DEFAULT_JOB_BUDGET, type JobBudget, LibraryJobs } from "./library/jobs.ts";
import { Library } from "./library/library.ts";
import { LibraryIndex } from "./library/library-index.ts";
import { Proposals } from "./library/proposals.ts";
import type { LibraryStore } from "./library/stores.ts";
import type { Logger } from "./logger.ts";
import { claimTags } from "./quiz/claims-store.ts";
import { HEARTBEAT_MS, newOwnerIdentity } from "./quiz/owners.ts";
import { Reports } from "./quiz/reports.ts";
import { Reviews } from "./quiz/reviews.ts";
import { PRUNE_EVERY_MS } from "./quiz/round-pruning.ts";
import { QuizService } from "./quiz/service.ts";
import { Scoreboard } from "./quiz/standings.ts";
import type { OwnerIdentity, QuizStores } from "./quiz/stores.ts";
import { createCorpusSearch } from "./search/searcher.ts";
import type { SearchIndex } from "./search/types.ts";
import { wordListsOf } from "./search/word-lists.ts";

/** The services of one process, over one database. */
export interface App {
  readonly logger: Logger;
  readonly clock: () => number;
  /** Reads, for the CLI, tests and benchmarks; interactions reach data only through services. */
  readonly db: Db;
  readonly writes: WriteQueue;
  /** The quiz state; services reach it only through these. */
  readonly stores: QuizStores;
  readonly owner: OwnerIdentity;
  readonly search: SearchIndex;
  readonly corpus: CorpusReader;
  readonly quiz: QuizService;
  readonly scores: Scoreboard;
  readonly reviews: Reviews;
  readonly reports: Reports;
  readonly library: Library;
  readonly proposals: Proposals;
  /** The libraries as stored, and the step that keeps the search index in line with them. */
  readonly libraryStore: LibraryStore;
  readonly libraryIndex: LibraryIndex;
  /** The worker pool library uploads and imports are analysed in. */
  readonly jobs: LibraryJobs;
  /** What bringing the index up to date found, when it was asked for. */
  readonly refresh: RefreshOutcome | undefined;
  /** Stops the heartbeat, lets queued writes settle, leaves the owners table and closes. */
  close(): Promise<void>;
}

export interface AppOptions {
  readonly logger: Logger;
  readonly clock?: () => number;
  /** Bring the index up to date with the corpus folder first (default true). */
  readonly refresh?: boolean;
  readonly onProgress?: (p: IngestProgress) => void;
  /** Close rounds whose owner is gone (default true). */
  readonly recover?: boolean;
  /** Rebuild the search index from the corpus whatever its state (`cli ingest --rebuild`). */
  readonly rebuild?: boolean;
  readonly writeQueue?: WriteQueueOptions;
  /** Budgets of library jobs (uploads, imports): workers, time and memory. */
  readonly libraryJobs?: Partial<JobBudget>;
}

/** Tables that exist only in the database file are damaged: the way out is a backup. */
export class DatabaseDamagedError extends Error {
  constructor(path: string, tables: readonly string[]) {
    super(
      `The database ${path} is damaged in tables that exist only there (${tables.join(", ")}), ` +
        "so answers and scores cannot be trusted. Stop Beleg and restore a backup: copy the " +
        `file made by "npm run cli -- backup <file>" over ${path} and delete ${path}-wal and ` +
        `${path}-shm. The damaged file is left as it is.`,
    );
    this.name = "DatabaseDamagedError";
  }
}

/**
 * Opens the database and checks it. A damaged search index is rebuilt from the corpus: in a new
 * file around the kept tables when no other process uses this one (any damage, even to pages),
 * else in place, in one transaction. Returns whether the index must be built anew (always when
 * `force`d).
 */
function openChecked(path: string, logger: Logger, owner: OwnerIdentity, force: boolean) {
  let connections = openDatabase(path);
  const health = inspectDatabase(connections.reader);
  if (health.kept.length > 0) {
    connections.close();
    throw new DatabaseDamagedError(path, health.kept);
  }
  // A sound file asked to rebuild (ingest --rebuild) is rebuilt in place: nothing to set aside.
  if (health.index.length === 0) return { connections, rebuild: force };
  logger.error({ damaged: health.index }, "the search index is damaged; rebuilding it");
  if (othersAlive(connections.reader, owner, Date.now())) return { connections, rebuild: true };
  connections.close();
  const aside = rebuildDatabaseFile(path, openDatabase);
  logger.warn({ damagedCopy: aside }, "database file rebuilt around answers, scores and reviews");
  connections = openDatabase(path);
  return { connections, rebuild: true };
}

/**
 * A check that the database file is still the one opened: a deleted or replaced file would take
 * every later write with it, unseen.
 */
function fileIdentity(path: string): () => void {
  const opened = statSync(path);
  return () => {
    const now = statSync(path);
    if (now.ino !== opened.ino || now.dev !== opened.dev)
      throw new Error(`${path} was replaced by another file`);
  };
}

/**
 * The wiring, and the only place that opens the database: config → database (migrated) → index
 * refresh → services. Rounds whose owner is gone are closed as interrupted; this process
 * registers as an owner and renews its heartbeat while it runs.
 */
export async function openApp(
  config: Pick<Config, "databasePath" | "corpusDir" | "lexicons"> &
    Partial<Pick<Config, "wordLists">>,
  options: AppOptions,
): Promise<App> {
  const { logger } = options;
  const clock = options.clock ?? Date.now;
  const owner = newOwnerIdentity();
  const { connections, rebuild } = openChecked(
    config.databasePath,
    logger,
    owner,
    options.rebuild ?? false,
  );
  const db = connections.reader;
  const checkFile = fileIdentity(config.databasePath);
  const writes = new WriteQueue(connections.writer, {
    ...options.writeQueue,
    checkFile,
    onStorageFailure: (error) =>
      logger.error({ err: error, reason: error.reason }, `write not stored: ${error.message}`),
  });
  const stores = sqliteQuizStores(db, writes);
  await stores.owners.heartbeat(owner, clock());
  const libraryStore = new SqliteLibraryStore(db, writes);
  const libraryIndex = new LibraryIndex({ db, writes, store: libraryStore, clock, logger });
  const refreshing =
    options.refresh === false && !rebuild
      ? undefined
      : refreshIndex(db, writes, config.corpusDir, {
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          rebuild,
          lexicons: config.lexicons,
          library: libraryStore,
        });
  const missing = missingLexicons(config.lexicons);
  if (missing.length > 0)
    logger.warn(
      { missing },
      "lexicons not found: synonyms and English questions are not bridged (install Debian's openthesaurus-de-text and trans-de-en)",
    );
  const words = await wordListsOf(config.wordLists ?? DEBIAN_WORD_LISTS);
  if (words.missing.length > 0)
    logger.warn(
      { missing: words.missing },
      "word lists not found: real words the corpus lacks may be corrected into corpus words (install Debian's wngerman and wamerican)",
    );
  const refresh = rebuild
    ? await refreshing?.catch((error: unknown) => {
        logger.error(
          { err: error },
          'the search index could not be rebuilt; stop every Beleg process using the database and run "npm run cli -- ingest --rebuild"',
        );
        return undefined;
      })
    : await refreshing;
  // Library changes the index has not applied (stored by another process, or not indexed here).
  const caughtUp = await libraryIndex.catchUp();
  if (caughtUp > 0)
    logger.info({ servers: caughtUp }, "search index brought in line with libraries");
  const reports = new Reports(stores.reports, clock);
  const quiz = new QuizService({ db, stores, clock, owner, reports, logger });
  if (options.recover !== false) {
    const interrupted = await quiz.recoverOrphaned();
    if (interrupted > 0)
      logger.warn({ rounds: interrupted }, "closed rounds whose process is gone");
  }
  const prune = () =>
    stores.rounds
      .pruneEnded(clock())
      .then((pruned) => {
        if (pruned.rounds + pruned.questions > 0) logger.info(pruned, "pruned old round data");
      })
      .catch((error: unknown) => logger.warn({ err: error }, "old round data not pruned"));
  await prune();
  const pruning = setInterval(prune, PRUNE_EVERY_MS);
  pruning.unref();
  let fileGone = false;
  const heartbeat = setInterval(() => {
    try {
      checkFile();
    } catch (error) {
      if (!fileGone)
        logger.fatal({ err: error }, "the database file is gone: nothing can be stored");
      fileGone = true;
      return;
    }
    stores.owners
      .heartbeat(owner, clock())
      .then(() => quiz.maintain())
      .catch((error: unknown) => logger.warn({ err: error }, "heartbeat not stored"));
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const corpus = new CorpusReader(db);
  const jobs = new LibraryJobs({ ...DEFAULT_JOB_BUDGET, ...options.libraryJobs });
  return {
    logger,
    clock,
    db,
    writes,
    stores,
    owner,
    search: createCorpusSearch(db, words.lists),
    corpus,
    quiz,
    scores: new Scoreboard(stores.answers, (ids) => claimTags(db, ids)),
    reviews: new Reviews(db, stores.reviews, clock),
    reports,
    library: new Library({ db, store: libraryStore, index: libraryIndex, corpus, clock, jobs }),
    proposals: new Proposals({ db, store: libraryStore, index: libraryIndex, corpus, clock, jobs }),
    libraryStore,
    libraryIndex,
    jobs,
    refresh,
    async close() {
      clearInterval(heartbeat);
      clearInterval(pruning);
      await jobs.close();
      await stores.owners.remove(owner).catch(() => undefined);
      await writes.drained();
      connections.close();
    },
  };
}

/** Logs what the index refresh did, or the corpus problems that kept the old index serving. */
export function logRefresh(logger: Logger, outcome: RefreshOutcome | undefined, ms: number): void {
  if (!outcome) return;
  if (outcome.ok) logger.info({ ...outcome.report, ms }, "corpus index up to date");
  else
    logger.error(
      { problems: outcome.problems.map(formatProblem) },
      "corpus has problems; the previous index keeps serving",
    );
}

/** How long fetching an attached file may take. */
export const ATTACHMENT_TIMEOUT_MS = 10_000;

/** What commands and buttons run with: the app's services, a quiz runner posting through `poster`. */
export function createInteractionContext(
  app: App,
  poster: ChannelPoster,
  runnerOptions?: Partial<RunnerOptions>,
  attachments: AttachmentFetcher = attachmentFetcher({
    origins: DISCORD_ATTACHMENT_ORIGINS,
    timeoutMs: ATTACHMENT_TIMEOUT_MS,
  }),
): InteractionContext {
  return {
    search: app.search,
    corpus: app.corpus,
    quiz: app.quiz,
    scores: app.scores,
    reviews: app.reviews,
    reports: app.reports,
    library: app.library,
    proposals: app.proposals,
    attachments,
    uploads: new SessionStore(app.clock),
    runner: new QuizRunner({
      quiz: app.quiz,
      corpus: app.corpus,
      poster,
      logger: app.logger,
      ...(runnerOptions ? { options: runnerOptions } : {}),
    }),
    citeSessions: new SessionStore(app.clock),
    reviewSessions: new SessionStore(app.clock),
    logger: app.logger,
    clock: app.clock,
  };
}

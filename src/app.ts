import { type Config, DEBIAN_WORD_LISTS } from "./config.ts";
import { type RefreshOutcome, refreshIndex } from "./corpus/index-corpus.ts";
import type { IngestProgress } from "./corpus/ingest.ts";
import { missingLexicons } from "./corpus/lexicons.ts";
import { formatProblem } from "./corpus/problems.ts";
import { CorpusReader } from "./corpus/reader.ts";
import type { Db } from "./db/client.ts";
import { fileIdentity, openChecked } from "./db/open-checked.ts";
import type { AnswerBatching } from "./db/pg/answer-store.ts";
import { postgresStorage, type Storage, sqliteStorage } from "./db/storage.ts";
import { WriteQueue, type WriteQueueOptions } from "./db/write-queue.ts";
import type { InteractionContext } from "./interactions/context.ts";
import { DailyRunner } from "./interactions/daily-runner.ts";
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
import { DailyQuestions } from "./quiz/daily.ts";
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
  readonly daily: DailyQuestions;
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
  /** How answers share a commit on PostgreSQL (the benchmark's one-per-commit variant). */
  readonly answerBatching?: Partial<AnswerBatching>;
  /** Budgets of library jobs (uploads, imports): workers, time and memory. */
  readonly libraryJobs?: Partial<JobBudget>;
}

/**
 * The wiring, and the only place that opens the database: config → database (migrated) → index
 * refresh → services. Rounds whose owner is gone are closed as interrupted; this process
 * registers as an owner and renews its heartbeat while it runs.
 */
export async function openApp(
  config: Pick<Config, "databasePath" | "corpusDir" | "lexicons"> &
    Partial<Pick<Config, "wordLists" | "postgres">>,
  options: AppOptions,
): Promise<App> {
  const { logger } = options;
  const clock = options.clock ?? Date.now;
  const owner = newOwnerIdentity();
  // With PostgreSQL, the SQLite file holds only this process's search index.
  const indexPath = config.postgres?.searchIndexPath ?? config.databasePath;
  const { connections, rebuild } = openChecked(indexPath, logger, owner, options.rebuild ?? false);
  const db = connections.reader;
  const checkFile = fileIdentity(indexPath);
  const writes = new WriteQueue(connections.writer, {
    ...options.writeQueue,
    checkFile,
    onStorageFailure: (error) =>
      logger.error({ err: error, reason: error.reason }, `write not stored: ${error.message}`),
  });
  const storage: Storage = config.postgres
    ? await postgresStorage(config.postgres, logger, options.answerBatching).catch(
        (error: unknown) => {
          connections.close();
          throw error;
        },
      )
    : sqliteStorage(db, writes);
  const stores = storage.quiz;
  await stores.owners.heartbeat(owner, clock());
  const libraryStore = storage.library;
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
  storage.listenLibrary(() =>
    libraryIndex.catchUpSoon((error) =>
      logger.warn({ err: error }, "a library change of another process is not indexed yet"),
    ),
  );
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
    daily: new DailyQuestions({ db, store: stores.daily, answers: stores.answers, reports, clock }),
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
      await storage.close();
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
    daily: app.daily,
    dailyRunner: new DailyRunner({
      daily: app.daily,
      corpus: app.corpus,
      poster,
      owner: app.owner,
      clock: app.clock,
      logger: app.logger,
    }),
    citeSessions: new SessionStore(app.clock),
    reviewSessions: new SessionStore(app.clock),
    logger: app.logger,
    clock: app.clock,
  };
}

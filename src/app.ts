import type { Config } from "./config.ts";
import { type RefreshOutcome, refreshIndex } from "./corpus/index-corpus.ts";
import type { IngestProgress } from "./corpus/ingest.ts";
import { formatProblem } from "./corpus/problems.ts";
import { CorpusReader } from "./corpus/reader.ts";
import { type Db, openDatabase } from "./db/client.ts";
import type { InteractionContext } from "./interactions/context.ts";
import { QuizRunner, type RunnerOptions } from "./interactions/quiz-runner.ts";
import type { ChannelPoster } from "./interactions/request.ts";
import { SessionStore } from "./interactions/sessions.ts";
import type { Logger } from "./logger.ts";
import { Reviews } from "./quiz/reviews.ts";
import { QuizService } from "./quiz/service.ts";
import { Scoreboard } from "./quiz/standings.ts";
import { createCorpusSearch } from "./search/searcher.ts";
import type { SearchIndex } from "./search/types.ts";

/** The services of one process, over one database. */
export interface App {
  readonly logger: Logger;
  readonly clock: () => number;
  /** For the CLI, tests and benchmarks; interactions reach persistence only through services. */
  readonly db: Db;
  readonly search: SearchIndex;
  readonly corpus: CorpusReader;
  readonly quiz: QuizService;
  readonly scores: Scoreboard;
  readonly reviews: Reviews;
  /** What bringing the index up to date found, when it was asked for. */
  readonly refresh: RefreshOutcome | undefined;
  close(): void;
}

export interface AppOptions {
  readonly logger: Logger;
  readonly clock?: () => number;
  /** Bring the index up to date with the corpus folder first (default true). */
  readonly refresh?: boolean;
  readonly onProgress?: (p: IngestProgress) => void;
  /** Close rounds a crash left running (default true). */
  readonly recover?: boolean;
  /** Open without writing: no migration, no refresh, no round recovery (benchmark readers). */
  readonly readonly?: boolean;
}

/**
 * The wiring, and the only place that opens the database: config → database (migrated) → index
 * refresh → services. Rounds a crash left running are closed as interrupted.
 */
export function openApp(
  config: Pick<Config, "databasePath" | "corpusDir">,
  options: AppOptions,
): App {
  const clock = options.clock ?? Date.now;
  const db = openDatabase(config.databasePath, { readonly: options.readonly ?? false });
  const refresh =
    options.readonly || options.refresh === false
      ? undefined
      : refreshIndex(db, config.corpusDir, options.onProgress);
  const quiz = new QuizService(db, clock);
  if (!options.readonly && options.recover !== false) {
    const interrupted = quiz.recoverInterrupted();
    if (interrupted > 0)
      options.logger.warn({ rounds: interrupted }, "closed rounds left running by a crash");
  }
  return {
    logger: options.logger,
    clock,
    db,
    search: createCorpusSearch(db),
    corpus: new CorpusReader(db),
    quiz,
    scores: new Scoreboard(db),
    reviews: new Reviews(db, clock),
    refresh,
    close: () => db.$client.close(),
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

/** What commands and buttons run with: the app's services, a quiz runner posting through `poster`. */
export function createInteractionContext(
  app: App,
  poster: ChannelPoster,
  runnerOptions?: Partial<RunnerOptions>,
): InteractionContext {
  return {
    search: app.search,
    corpus: app.corpus,
    quiz: app.quiz,
    scores: app.scores,
    reviews: app.reviews,
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

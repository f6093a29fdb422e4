import type { QuizStores } from "../../quiz/stores.ts";
import { type AnswerBatching, PgAnswerStore } from "./answer-store.ts";
import type { Postgres } from "./client.ts";
import { PgDailyStore } from "./daily-store.ts";
import { PgOwnerStore } from "./owner-store.ts";
import { PgReportStore } from "./report-store.ts";
import { PgReviewStore } from "./review-store.ts";
import { PgRoundStore } from "./round-store.ts";

/** The quiz stores on PostgreSQL, and a way to wait for the answers still being stored. */
export interface PgQuizStores extends QuizStores {
  /** Resolves once no answer waits for or is in a group commit (before closing the pool). */
  drained(): Promise<void>;
}

/**
 * The quiz stores on one PostgreSQL database (opened and migrated by openPostgres): answers in
 * group commits, every other write its own transaction, reads on the pool.
 */
export function pgQuizStores(
  pg: Pick<Postgres, "db" | "pool">,
  answerBatching?: AnswerBatching,
): PgQuizStores {
  const answers = new PgAnswerStore(pg.db, pg.pool, answerBatching);
  return {
    owners: new PgOwnerStore(pg.db, pg.pool),
    rounds: new PgRoundStore(pg.pool),
    answers,
    reviews: new PgReviewStore(pg.db, pg.pool),
    reports: new PgReportStore(pg.db, pg.pool),
    daily: new PgDailyStore(pg.db, pg.pool),
    drained: () => answers.drained(),
  };
}

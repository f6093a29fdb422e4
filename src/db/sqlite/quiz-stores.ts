import type { QuizStores } from "../../quiz/stores.ts";
import type { Db } from "../client.ts";
import type { WriteQueue } from "../write-queue.ts";
import { SqliteAnswerStore } from "./answer-store.ts";
import { SqliteDailyStore } from "./daily-store.ts";
import { SqliteOwnerStore } from "./owner-store.ts";
import { SqliteReportStore } from "./report-store.ts";
import { SqliteReviewStore } from "./review-store.ts";
import { SqliteRoundStore } from "./round-store.ts";

/** The quiz stores on one SQLite file: reads on `reader`, every write through `writes`. */
export function sqliteQuizStores(reader: Db, writes: WriteQueue): QuizStores {
  return {
    owners: new SqliteOwnerStore(reader, writes),
    rounds: new SqliteRoundStore(writes),
    answers: new SqliteAnswerStore(reader, writes),
    reviews: new SqliteReviewStore(reader, writes),
    reports: new SqliteReportStore(reader, writes),
    daily: new SqliteDailyStore(reader, writes),
  };
}

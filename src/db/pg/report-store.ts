import { and, asc, countDistinct, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type pg from "pg";
import { groupOpenReports } from "../../quiz/reports.ts";
import {
  type NewReport,
  type OpenReport,
  REST_AFTER_REPORTS,
  type ReportStore,
} from "../../quiz/stores.ts";
import type { PgDb } from "./client.ts";
import { QUIZ_WRITE_DEADLINE_MS } from "./quiz-locks.ts";
import { answers, reports, roundQuestions, rounds } from "./schema.ts";
import { storableText } from "./text.ts";
import { inTransaction } from "./transaction.ts";

/** Whether a report's author answered in the round whose question it reports. */
const byPlayer = sql<boolean>`exists (select 1 from ${answers} where ${answers.roundId} = ${roundQuestions.roundId} and ${answers.userId} = ${reports.userId})`;

/**
 * Whether a number can name a row of an `integer` column. Report ids come from custom ids a
 * client may forge (up to 12 digits); PostgreSQL refuses a larger one as an error where SQLite
 * finds no row, so it is answered "unknown" before it reaches the server.
 */
const fitsInteger = (n: number) =>
  Number.isSafeInteger(n) && n >= -2_147_483_648 && n <= 2_147_483_647;

/** Reports on PostgreSQL: each write its own transaction, reads on the pool. */
export class PgReportStore implements ReportStore {
  constructor(
    private readonly db: PgDb,
    private readonly pool: pg.Pool,
  ) {}

  /**
   * Stores a report on a question that was posted in a round of this server and channel (where
   * the reporter saw it); one per member and question.
   */
  async report(input: NewReport): Promise<"reported" | "already" | "unknown"> {
    if (!fitsInteger(input.roundId) || !fitsInteger(input.position)) return "unknown";
    return inTransaction(
      this.pool,
      async (tx) => {
        // FOR SHARE (question and round): neither is pruned between this check and the insert.
        const [question] = await tx
          .select({ id: roundQuestions.id, claimId: roundQuestions.claimId })
          .from(roundQuestions)
          .innerJoin(rounds, eq(rounds.id, roundQuestions.roundId))
          .where(
            and(
              eq(roundQuestions.roundId, input.roundId),
              eq(roundQuestions.position, input.position),
              isNotNull(roundQuestions.postedAt),
              eq(rounds.guildId, input.guildId),
              eq(rounds.channelId, input.channelId),
            ),
          )
          .for("share");
        if (!question) return "unknown" as const;
        const stored = await tx
          .insert(reports)
          .values({
            guildId: input.guildId,
            userId: input.userId,
            userName: storableText(input.userName),
            claimId: question.claimId,
            questionId: question.id,
            reason: storableText(input.reason),
            reportedAt: input.now,
          })
          .onConflictDoNothing({ target: [reports.questionId, reports.userId] })
          .returning({ id: reports.id });
        return stored.length > 0 ? ("reported" as const) : ("already" as const);
      },
      { deadlineMs: QUIZ_WRITE_DEADLINE_MS },
    );
  }

  /** The claims that rest in a server: reported by enough of its players, not yet reviewed. */
  async resting(guildId: string): Promise<Set<string>> {
    const rows = await this.db
      .select({ claimId: reports.claimId })
      .from(reports)
      .innerJoin(roundQuestions, eq(roundQuestions.id, reports.questionId))
      .where(and(eq(reports.guildId, guildId), isNull(reports.reviewedAt), byPlayer))
      .groupBy(reports.claimId)
      .having(sql`${countDistinct(reports.userId)} >= ${REST_AFTER_REPORTS}`);
    return new Set(rows.map((r) => r.claimId));
  }

  /** Unreviewed reports by server and claim, oldest first, in one server or (for the CLI) in all. */
  async open(guildId?: string): Promise<OpenReport[]> {
    const rows = await this.db
      .select({
        guildId: reports.guildId,
        claimId: reports.claimId,
        userId: reports.userId,
        userName: reports.userName,
        reason: reports.reason,
        prompt: roundQuestions.prompt,
        byPlayer,
      })
      .from(reports)
      .innerJoin(roundQuestions, eq(roundQuestions.id, reports.questionId))
      .where(
        and(
          isNull(reports.reviewedAt),
          guildId === undefined ? undefined : eq(reports.guildId, guildId),
        ),
      )
      .orderBy(asc(reports.reportedAt), asc(reports.id));
    return groupOpenReports(rows);
  }

  /** A moderator has looked at a claim's reports: they close, and the claim is asked again. */
  review(guildId: string, claimId: string, by: string, now: number): Promise<number> {
    return inTransaction(
      this.pool,
      async (tx) => {
        const reviewed = await tx
          .update(reports)
          .set({ reviewedAt: now, reviewedBy: storableText(by) })
          .where(
            and(
              eq(reports.guildId, guildId),
              eq(reports.claimId, claimId),
              isNull(reports.reviewedAt),
            ),
          );
        return reviewed.rowCount ?? 0;
      },
      { deadlineMs: QUIZ_WRITE_DEADLINE_MS },
    );
  }
}

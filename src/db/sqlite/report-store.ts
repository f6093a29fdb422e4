import { and, asc, countDistinct, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { groupOpenReports } from "../../quiz/reports.ts";
import {
  type NewReport,
  type OpenReport,
  REST_AFTER_REPORTS,
  type ReportStore,
} from "../../quiz/stores.ts";
import { type Db, isConstraintViolation } from "../client.ts";
import { answers, reports, roundQuestions, rounds } from "../schema.ts";
import type { WriteQueue } from "../write-queue.ts";

/** Whether a report's author answered in the round whose question it reports. */
const byPlayer = sql<number>`exists (select 1 from ${answers} where ${answers.roundId} = ${roundQuestions.roundId} and ${answers.userId} = ${reports.userId})`;

/** Reports on SQLite: writes in the write queue, reads on the reader connection. */
export class SqliteReportStore implements ReportStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteQueue,
  ) {}

  /**
   * Stores a report on a question that was posted in a round of this server and channel (where
   * the reporter saw it); one per member and question.
   */
  async report(input: NewReport): Promise<"reported" | "already" | "unknown"> {
    try {
      return await this.writes.run((tx) => {
        const question = tx
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
          .get();
        if (!question) return "unknown" as const;
        tx.insert(reports)
          .values({
            guildId: input.guildId,
            userId: input.userId,
            userName: input.userName,
            claimId: question.claimId,
            questionId: question.id,
            reason: input.reason,
            reportedAt: input.now,
          })
          .run();
        return "reported" as const;
      });
    } catch (error) {
      if (isConstraintViolation(error)) return "already";
      throw error;
    }
  }

  /** The claims that rest in a server: reported by enough of its players, not yet reviewed. */
  async resting(guildId: string): Promise<Set<string>> {
    return new Set(
      this.db
        .select({ claimId: reports.claimId })
        .from(reports)
        .innerJoin(roundQuestions, eq(roundQuestions.id, reports.questionId))
        .where(and(eq(reports.guildId, guildId), isNull(reports.reviewedAt), byPlayer))
        .groupBy(reports.claimId)
        .having(sql`${countDistinct(reports.userId)} >= ${REST_AFTER_REPORTS}`)
        .all()
        .map((r) => r.claimId),
    );
  }

  /** Unreviewed reports by server and claim, oldest first, in one server or (for the CLI) in all. */
  async open(guildId?: string): Promise<OpenReport[]> {
    const rows = this.db
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
      .orderBy(asc(reports.reportedAt))
      .all();
    return groupOpenReports(rows);
  }

  /** A moderator has looked at a claim's reports: they close, and the claim is asked again. */
  review(guildId: string, claimId: string, by: string, now: number): Promise<number> {
    return this.writes.run(
      (tx) =>
        tx
          .update(reports)
          .set({ reviewedAt: now, reviewedBy: by })
          .where(
            and(
              eq(reports.guildId, guildId),
              eq(reports.claimId, claimId),
              isNull(reports.reviewedAt),
            ),
          )
          .run().changes,
    );
  }
}

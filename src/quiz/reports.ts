import { and, asc, countDistinct, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { type Db, isConstraintViolation } from "../db/client.ts";
import { answers, reports, roundQuestions, rounds } from "../db/schema.ts";
import { type StorageOutcome, storageOutcome, WriteFailedError } from "../db/write-failure.ts";
import type { WriteQueue } from "../db/write-queue.ts";

/**
 * A claim rests in a server once this many of its players have reported it, until reviewed. A
 * report counts towards resting only when its reporter answered in the round that asked it: one
 * member with forged or replayed report ids cannot make a server's questions rest.
 */
export const REST_AFTER_REPORTS = 2;

/** Whether a report's author answered in the round whose question it reports. */
const byPlayer = sql<number>`exists (select 1 from ${answers} where ${answers.roundId} = ${roundQuestions.roundId} and ${answers.userId} = ${reports.userId})`;

export interface OpenReport {
  readonly guildId: string;
  readonly claimId: string;
  /** The question as it was asked (the newest report's). */
  readonly prompt: string;
  readonly reporters: number;
  /** Reporters who answered in the round that asked it (these make it rest). */
  readonly players: number;
  readonly reasons: readonly { readonly userName: string; readonly reason: string }[];
  readonly resting: boolean;
}

/**
 * "unknown": no question of this server posted in this channel at that place (never posted, or
 * forged); otherwise why the write failed.
 */
export type ReportOutcome = "reported" | "already" | "unknown" | StorageOutcome;

/** Players' reports of wrong questions, and the claims that rest because of them. */
export class Reports {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteQueue,
    private readonly clock: () => number,
  ) {}

  /**
   * Stores a report on a question that was posted in a round of this server and channel (where
   * the reporter saw it); one per member and question.
   */
  async report(input: {
    guildId: string;
    channelId: string;
    roundId: number;
    position: number;
    userId: string;
    userName: string;
    reason: string;
  }): Promise<ReportOutcome> {
    try {
      return await this.writes.run((tx): ReportOutcome => {
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
        if (!question) return "unknown";
        tx.insert(reports)
          .values({
            guildId: input.guildId,
            userId: input.userId,
            userName: input.userName,
            claimId: question.claimId,
            questionId: question.id,
            reason: input.reason,
            reportedAt: this.clock(),
          })
          .run();
        return "reported";
      });
    } catch (error) {
      if (isConstraintViolation(error)) return "already";
      if (error instanceof WriteFailedError) return storageOutcome(error.reason);
      throw error;
    }
  }

  /** The claims that rest in a server: reported by enough of its players, not yet reviewed. */
  resting(guildId: string): Set<string> {
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
  open(guildId?: string): OpenReport[] {
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
    const byClaim = new Map<string, typeof rows>();
    for (const row of rows) {
      const key = JSON.stringify([row.guildId, row.claimId]);
      byClaim.set(key, [...(byClaim.get(key) ?? []), row]);
    }
    return [...byClaim.values()].map((group) => {
      const players = new Set(group.filter((r) => r.byPlayer).map((r) => r.userId)).size;
      const first = group[0] as (typeof rows)[number];
      return {
        guildId: first.guildId,
        claimId: first.claimId,
        prompt: group.at(-1)?.prompt ?? "",
        reporters: new Set(group.map((r) => r.userId)).size,
        players,
        reasons: group.map((r) => ({ userName: r.userName, reason: r.reason })),
        resting: players >= REST_AFTER_REPORTS,
      };
    });
  }

  /** A moderator has looked at a claim's reports: they close, and the claim is asked again. */
  async review(guildId: string, claimId: string, by: string): Promise<number> {
    return this.writes.run(
      (tx) =>
        tx
          .update(reports)
          .set({ reviewedAt: this.clock(), reviewedBy: by })
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

import { type StorageOutcome, storageOutcome, WriteFailedError } from "../db/write-failure.ts";
import { type NewReport, type OpenReport, REST_AFTER_REPORTS, type ReportStore } from "./stores.ts";

/** One unreviewed report as a store reads it, oldest first. */
export interface ReportRow {
  readonly guildId: string;
  readonly claimId: string;
  readonly userId: string;
  readonly userName: string;
  readonly reason: string;
  readonly prompt: string;
  /** Whether the reporter answered in the round that asked the question. */
  readonly byPlayer: boolean | number;
}

/** Reports grouped by server and claim, in the order their first report came. */
export function groupOpenReports(rows: readonly ReportRow[]): OpenReport[] {
  const byClaim = new Map<string, ReportRow[]>();
  for (const row of rows) {
    const key = JSON.stringify([row.guildId, row.claimId]);
    byClaim.set(key, [...(byClaim.get(key) ?? []), row]);
  }
  return [...byClaim.values()].map((group) => {
    const players = new Set(group.filter((r) => r.byPlayer).map((r) => r.userId)).size;
    const first = group[0] as ReportRow;
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

/**
 * "unknown": no question of this server posted in this channel at that place (never posted, or
 * forged); otherwise why the write failed.
 */
export type ReportOutcome = "reported" | "already" | "unknown" | StorageOutcome;

/** Players' reports of wrong questions, and the claims that rest because of them. */
export class Reports {
  constructor(
    private readonly store: ReportStore,
    private readonly clock: () => number,
  ) {}

  /**
   * Stores a report on a question that was posted in a round of this server and channel (where
   * the reporter saw it); one per member and question.
   */
  async report(input: Omit<NewReport, "now">): Promise<ReportOutcome> {
    try {
      return await this.store.report({ ...input, now: this.clock() });
    } catch (error) {
      if (error instanceof WriteFailedError) return storageOutcome(error.reason);
      throw error;
    }
  }

  /** The claims that rest in a server: reported by enough of its players, not yet reviewed. */
  resting(guildId: string): Promise<Set<string>> {
    return this.store.resting(guildId);
  }

  /** Unreviewed reports by server and claim, oldest first, in one server or (for the CLI) in all. */
  open(guildId?: string): Promise<OpenReport[]> {
    return this.store.open(guildId);
  }

  /** A moderator has looked at a claim's reports: they close, and the claim is asked again. */
  review(guildId: string, claimId: string, by: string): Promise<number> {
    return this.store.review(guildId, claimId, by, this.clock());
  }
}

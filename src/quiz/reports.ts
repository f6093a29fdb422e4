import { type StorageOutcome, storageOutcome, WriteFailedError } from "../db/write-failure.ts";
import type { NewReport, OpenReport, ReportStore } from "./stores.ts";

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

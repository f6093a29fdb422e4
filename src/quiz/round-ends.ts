import { WriteFailedError } from "../db/write-failure.ts";
import type { Logger } from "../logger.ts";
import type { EndStatus, RoundStore } from "./stores.ts";

/**
 * Writes the ends of one process's rounds, fenced by its owner id (see RoundFence). An end that
 * could not be written is retried by `retry` (the heartbeat calls it).
 */
export class RoundEnds {
  /** Rounds whose end could not be written yet. */
  private readonly unended = new Map<number, EndStatus>();

  constructor(
    private readonly deps: {
      readonly rounds: RoundStore;
      readonly clock: () => number;
      readonly ownerId: string;
      readonly logger: Logger;
    },
  ) {}

  /**
   * Ends a round in the database, or remembers to retry when the write fails. "lost": another
   * process had ended it already (its status stays as that one set it).
   */
  async end(roundId: number, status: EndStatus): Promise<"ended" | "lost"> {
    const fence = { roundId, ownerId: this.deps.ownerId };
    try {
      const ended = await this.deps.rounds.end(fence, status, this.deps.clock());
      this.unended.delete(roundId);
      return ended;
    } catch (error) {
      if (!(error instanceof WriteFailedError)) throw error;
      this.unended.set(roundId, status);
      return "ended";
    }
  }

  /**
   * Another process has ended this round (it took the channel over once this one's lease ran
   * out): nothing more of it is written here, and the runner posts nothing more of it.
   */
  lost(roundId: number, channelId: string): void {
    this.unended.delete(roundId);
    this.deps.logger.warn(
      { roundId, channelId },
      "round ended by another process while this one was away; it posts nothing more",
    );
  }

  /** Retries the round ends that could not be written before. */
  async retry(): Promise<void> {
    await Promise.all([...this.unended].map(([roundId, status]) => this.end(roundId, status)));
  }
}

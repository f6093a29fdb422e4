import type { Db } from "../db/client.ts";
import type { WriteQueue } from "../db/write-queue.ts";
import type { GuildScope } from "../library/scope.ts";
import { loadQuizClaims } from "./claims-store.ts";
import { generateQuestions } from "./generate.ts";
import { dueClaimIds, updateReviewCard } from "./review-store.ts";
import type { Lang, Question } from "./types.ts";

/** /review: the claims a user has missed whose review is due, and the answers to them. */
export class Reviews {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteQueue,
    private readonly clock: () => number,
  ) {}

  /**
   * Up to `count` multiple-choice questions on the user's due claims that this server (or, in a
   * DM, the shared corpus) has.
   */
  dueQuestions(userId: string, lang: Lang, count: number, guildId: GuildScope): Question[] {
    const now = this.clock();
    // Due cards of claims this server does not see (another server's, a hidden article's) are
    // passed over before counting, so they never take the place of ones it has.
    const visible = new Map(loadQuizClaims(this.db, guildId).map((c) => [c.id, c]));
    const claims = dueClaimIds(this.db, userId, now)
      .flatMap((id) => visible.get(id) ?? [])
      .slice(0, count);
    return generateQuestions(claims, { count, seed: now % 2 ** 31, kind: "mc", lang });
  }

  /** A /review answer moves the claim's review schedule, not the server scores. */
  record(userId: string, claimId: string, correct: boolean): Promise<void> {
    return this.writes.run((tx) => updateReviewCard(tx, userId, claimId, correct, this.clock()));
  }
}

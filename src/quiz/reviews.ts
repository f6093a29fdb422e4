import type { Db } from "../db/client.ts";
import type { GuildScope } from "../search/scope.ts";
import { loadQuizClaims } from "./claims-store.ts";
import { generateQuestions } from "./generate.ts";
import type { ReviewStore } from "./stores.ts";
import type { Lang, Question } from "./types.ts";

/** /review: the claims a user has missed whose review is due, and the answers to them. */
export class Reviews {
  constructor(
    /** The search index, for the claims a server sees. */
    private readonly db: Db,
    private readonly store: ReviewStore,
    private readonly clock: () => number,
  ) {}

  /**
   * Up to `count` multiple-choice questions on the user's due claims that this server (or, in a
   * DM, the shared corpus) has.
   */
  async dueQuestions(
    userId: string,
    lang: Lang,
    count: number,
    guildId: GuildScope,
  ): Promise<Question[]> {
    const now = this.clock();
    // Due cards of claims this server does not see (another server's, a hidden article's) are
    // passed over before counting, so they never take the place of ones it has.
    const due = await this.store.dueClaimIds(userId, now);
    const visible = new Map(loadQuizClaims(this.db, guildId).map((c) => [c.id, c]));
    const claims = due.flatMap((id) => visible.get(id) ?? []).slice(0, count);
    return generateQuestions(claims, { count, seed: now % 2 ** 31, kind: "mc", lang });
  }

  /** A /review answer moves the claim's review schedule, not the server scores. */
  record(userId: string, claimId: string, correct: boolean): Promise<void> {
    return this.store.recordReview(userId, claimId, correct, this.clock());
  }
}

import type { ClaimType } from "../corpus/claim-types.ts";
import { type ClaimProblem, checkClaim } from "../corpus/claims.ts";
import { placeClaims } from "./claim-placing.ts";
import { type ClaimSummary, claimAsYaml, claimSummary } from "./claim-yaml.ts";
import { slugify } from "./ids.ts";
import { quotedArticle } from "./index-library.ts";
import { LIBRARY_LIMITS, type Refusal, storeOrRefuse } from "./limits.ts";
import { analyseThenStore } from "./prepared.ts";
import { type LibraryDeps, versions } from "./services.ts";
import type { Actor } from "./stores.ts";

/** What a member typed into the proposal form. */
export interface ProposalInput {
  readonly articleId: string;
  readonly quote: string;
  readonly questionDe: string;
  readonly questionEn: string;
  /** The answer on the first line, other accepted spellings on the lines after it. */
  readonly answers: string;
  /** Wrong options, one a line. */
  readonly distractors: string;
  readonly type: ClaimType;
}

export type ProposeOutcome = { readonly kind: "proposed"; readonly slug: string } | Refusal;
export type ReviewOutcome =
  | { readonly kind: "approved"; readonly slug: string; readonly placed: boolean }
  | { readonly kind: "rejected"; readonly slug: string }
  | { readonly kind: "unknown-proposal" }
  | Refusal;
export type ImportOutcome =
  | { readonly kind: "imported"; readonly added: number; readonly replaced: number }
  | Refusal;

/** A proposal waiting for review. */
export interface PendingProposal extends ClaimSummary {
  readonly id: number;
  readonly slug: string;
  readonly proposedByName: string;
}

const HOUR = 60 * 60 * 1000;
const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** Form fields by claim path, so a rejected proposal names the field to fix. */
const FIELD_OF: Readonly<Record<string, string>> = {
  quote: "quote",
  question: "question",
  answer: "answer",
  accept: "answer",
  distractors: "distractors",
  statement: "question",
};

function describe(problems: readonly ClaimProblem[]): string[] {
  return problems.map((p) => {
    const field = FIELD_OF[String(p.path[0] ?? "")] ?? "";
    return field && !p.message.startsWith(field) ? `${field}: ${p.message}` : p.message;
  });
}

/** A server's quiz claims: proposed in Discord and reviewed, or imported from a claims file. */
export class Proposals {
  constructor(private readonly deps: LibraryDeps) {}

  /** Checks a proposal with the claim rules and keeps it for a moderator's review. */
  async propose(guildId: string, actor: Actor, input: ProposalInput): Promise<ProposeOutcome> {
    const now = this.deps.clock();
    // A cheap early refusal; the count that decides is taken again inside the write.
    if (await this.proposedTooOften(guildId, actor, now))
      return { kind: "too-often", limit: LIBRARY_LIMITS.proposalsPerHour };
    const article = this.deps.corpus.article(input.articleId, guildId)?.article;
    if (!article) return { kind: "unknown-article", typed: input.articleId };
    const [answer, ...accept] = lines(input.answers);
    const base = slugify(answer ?? "") || "frage";
    const raw = {
      id: base,
      quote: input.quote.replace(/\s+/g, " ").trim(),
      question: { de: input.questionDe.trim(), en: input.questionEn.trim() },
      answer: answer ? [answer] : [],
      accept,
      type: input.type,
      distractors: lines(input.distractors),
    };
    const checked = checkClaim(
      raw,
      article.id,
      { body: article.body, date: article.date ?? undefined },
      "library",
    );
    const claim = checked.claim;
    if (!claim) return { kind: "invalid", problems: describe(checked.problems) };
    // The store counts and picks the free slug again inside its write: proposals sent at once
    // are counted one after another and never pick the same slug.
    const proposed = await storeOrRefuse(() =>
      this.deps.store.propose({
        guildId,
        actor,
        at: now,
        articleId: article.id,
        slugBase: base,
        claim: claimAsYaml(claim, base),
        limits: { perHour: LIBRARY_LIMITS.proposalsPerHour, claims: LIBRARY_LIMITS.claims },
      }),
    );
    if (proposed.kind !== "proposed") return proposed;
    await this.deps.index.apply({ guildId, ...versions(proposed) });
    return { kind: "proposed", slug: proposed.slug };
  }

  private async proposedTooOften(guildId: string, actor: Actor, now: number): Promise<boolean> {
    const made = await this.deps.store.countEvents(guildId, actor.id, "propose", now - HOUR);
    return made >= LIBRARY_LIMITS.proposalsPerHour;
  }

  /** The proposals waiting for review, oldest first. */
  async pending(guildId: string): Promise<PendingProposal[]> {
    return (await this.deps.store.claims(guildId, "pending")).map((row) => ({
      ...claimSummary(row.claim),
      id: row.id,
      slug: row.slug,
      proposedByName: row.proposedByName,
    }));
  }

  /** A moderator approves (the claim is asked and ranked in this server at once) or rejects. */
  async review(
    guildId: string,
    actor: Actor,
    id: number,
    approve: boolean,
  ): Promise<ReviewOutcome> {
    const { store, index, db } = this.deps;
    const now = this.deps.clock();
    for (let attempt = 0; attempt < 3; attempt++) {
      // The version first: the proposal and the article it quotes are read on it, and the claim
      // placed before the write is written only if the library is still at it.
      const expected = await store.version(guildId);
      const preparedOn = index.preparedOn(guildId);
      const proposal = await store.claim(guildId, id);
      if (proposal?.status !== "pending") return { kind: "unknown-proposal" };
      const quoted = quotedArticle(db, proposal.articleId);
      const placed = placeClaims(
        [{ ...proposal, guildId }],
        new Map(quoted ? [[proposal.articleId, quoted]] : []),
      );
      const outcome = await storeOrRefuse(() =>
        store.review({ guildId, actor, at: now, id, approve, ...(approve ? { expected } : {}) }),
      );
      if (outcome.kind === "changed") continue;
      if (outcome.kind === "unknown") return { kind: "unknown-proposal" };
      if (outcome.kind === "not-stored") return outcome;
      const slug = outcome.claim.slug;
      if (outcome.kind === "rejected") {
        await index.apply({ guildId, ...versions(outcome) });
        return { kind: "rejected", slug };
      }
      await index.apply({
        guildId,
        ...versions(outcome),
        preparedOn,
        claims: { add: placed.rows },
      });
      return { kind: "approved", slug, placed: placed.rows.length > 0 };
    }
    return { kind: "not-stored", reason: "failed" };
  }

  /**
   * Imports a claims file (the corpus's claims format; the English question, statements and
   * tags may be left out) for one article, checked like `cli check` with line numbers. All or
   * nothing; imported claims are approved (importing is a moderator's action). A claim with the
   * id of an existing one replaces it.
   */
  async importFile(
    guildId: string,
    actor: Actor,
    file: { readonly filename: string; readonly text: string },
    typedArticle: string,
  ): Promise<ImportOutcome> {
    if (Buffer.byteLength(file.text) > LIBRARY_LIMITS.fileBytes)
      return { kind: "too-large", limit: LIBRARY_LIMITS.fileBytes };
    const found = this.deps.corpus.article(typedArticle, guildId)?.article;
    if (!found) return { kind: "unknown-article", typed: typedArticle };
    const article = { id: found.id, body: found.body, date: found.date ?? undefined };
    const topics = this.deps.corpus.topics(null).map((t) => t.slug);
    const now = this.deps.clock();
    const outcome = await analyseThenStore(
      this.deps,
      guildId,
      (approved) => ({ kind: "claims-file", guildId, approved, file, article, topics }),
      async ({ claims, placed }, on) => {
        const stored = await this.deps.store.importLibrary({
          guildId,
          actor,
          at: now,
          expected: on.expected,
          articles: [],
          claims,
          limits: LIBRARY_LIMITS,
          subject: `${file.filename} (${claims.length})`,
        });
        if (stored.kind !== "imported") return stored;
        await this.deps.index.apply({
          guildId,
          ...versions(stored),
          preparedOn: on.index,
          claims: { replace: placed.rows },
        });
        const replaced = stored.replacedClaims;
        return { kind: "imported" as const, added: claims.length - replaced, replaced };
      },
    );
    return outcome.kind === "needs-title" ? { kind: "not-stored", reason: "failed" } : outcome;
  }
}

import { eq } from "drizzle-orm";
import type { ClaimType } from "../corpus/claim-types.ts";
import { type ClaimProblem, checkClaim } from "../corpus/claims.ts";
import type { Db } from "../db/client.ts";
import { libraryClaims } from "../db/schema.ts";
import { placeClaims } from "./claim-placing.ts";
import { type ClaimSummary, claimAsYaml, claimSummary } from "./claim-yaml.ts";
import { slugify } from "./ids.ts";
import {
  addLibraryClaimRow,
  bumpLibraryVersion,
  quotedArticle,
  writeLibraryClaimRows,
} from "./index-library.ts";
import { LIBRARY_LIMITS, type Refusal, storeOrRefuse } from "./limits.ts";
import { analyseThenStore } from "./prepared.ts";
import {
  type Actor,
  claimById,
  claimSlugTaken,
  claimsOf,
  eventsSince,
  type LibraryDeps,
  putApprovedClaims,
  recordEvent,
} from "./store.ts";

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
const CHANGED = Symbol("the article changed meanwhile");
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
    if (this.proposedTooOften(this.deps.db, guildId, actor, now))
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
    // Limit, free slug and insert in one write transaction (IMMEDIATE, one writer at a time):
    // proposals sent at once are counted one after another and never pick the same slug.
    return storeOrRefuse(this.deps.writes, (tx): ProposeOutcome => {
      if (this.proposedTooOften(tx, guildId, actor, now))
        return { kind: "too-often", limit: LIBRARY_LIMITS.proposalsPerHour };
      if (claimsOf(tx, guildId).length >= LIBRARY_LIMITS.claims)
        return { kind: "too-many-claims", limit: LIBRARY_LIMITS.claims };
      let slug = base;
      for (let n = 2; claimSlugTaken(tx, guildId, slug); n++) slug = `${base.slice(0, 34)}-${n}`;
      tx.insert(libraryClaims)
        .values({
          guildId,
          slug,
          articleId: article.id,
          claim: claimAsYaml(claim, slug),
          status: "pending",
          proposedBy: actor.id,
          proposedByName: actor.name,
          proposedAt: now,
        })
        .run();
      recordEvent(tx, guildId, actor, "propose", slug, now);
      return { kind: "proposed", slug };
    });
  }

  private proposedTooOften(db: Db, guildId: string, actor: Actor, now: number): boolean {
    return (
      eventsSince(db, guildId, actor.id, "propose", now - HOUR) >= LIBRARY_LIMITS.proposalsPerHour
    );
  }

  /** The proposals waiting for review, oldest first. */
  pending(guildId: string): PendingProposal[] {
    return claimsOf(this.deps.db, guildId, "pending").map((row) => ({
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
    const now = this.deps.clock();
    for (let attempt = 0; attempt < 3; attempt++) {
      const proposal = claimById(this.deps.db, guildId, id);
      if (proposal?.status !== "pending") return { kind: "unknown-proposal" };
      // Placed before the write lock is taken; written only if its article is still the same.
      const quoted = quotedArticle(this.deps.db, proposal.articleId);
      const placed = placeClaims(
        [{ ...proposal, guildId }],
        new Map(quoted ? [[proposal.articleId, quoted]] : []),
      );
      const outcome = await storeOrRefuse(this.deps.writes, (tx) => {
        const current = claimById(tx, guildId, id);
        if (current?.status !== "pending") return { kind: "unknown-proposal" as const };
        if (approve && quotedArticle(tx, proposal.articleId)?.hash !== quoted?.hash) return CHANGED;
        tx.update(libraryClaims)
          .set({
            status: approve ? "approved" : "rejected",
            reviewedBy: actor.id,
            reviewedByName: actor.name,
            reviewedAt: now,
          })
          .where(eq(libraryClaims.id, id))
          .run();
        recordEvent(tx, guildId, actor, approve ? "approve" : "reject", current.slug, now);
        if (!approve) return { kind: "rejected" as const, slug: current.slug };
        for (const row of placed.rows) addLibraryClaimRow(tx, row);
        bumpLibraryVersion(tx, now);
        return { kind: "approved" as const, slug: current.slug, placed: placed.rows.length > 0 };
      });
      if (outcome !== CHANGED) return outcome;
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
      (tx, { claims, placed }): ImportOutcome => {
        const existing = new Set(claimsOf(tx, guildId).map((c) => c.slug));
        if (
          existing.size + claims.filter((c) => !existing.has(c.slug)).length >
          LIBRARY_LIMITS.claims
        )
          return { kind: "too-many-claims", limit: LIBRARY_LIMITS.claims };
        const replaced = putApprovedClaims(tx, guildId, actor, now, claims);
        writeLibraryClaimRows(tx, guildId, placed.rows);
        bumpLibraryVersion(tx, now);
        recordEvent(tx, guildId, actor, "import", `${file.filename} (${claims.length})`, now);
        return { kind: "imported", added: claims.length - replaced, replaced };
      },
    );
    return outcome.kind === "needs-title" ? { kind: "not-stored", reason: "failed" } : outcome;
  }
}

import { sql } from "drizzle-orm";
import type { Authored, ImportedClaim, LibraryAction } from "../../library/stores.ts";
import type { Db } from "../client.ts";
import { libraryClaims, libraryEvents, libraryVersions } from "../schema.ts";
import { claimsOf, highestVersion, versionOf } from "./library-reads.ts";

/** Rows of one multi-row upsert: 11 values each, well under SQLite's limit of variables. */
const UPSERT_CHUNK = 400;

/**
 * Records a change: its event, and the server's next version (the highest stored plus one: the
 * write queue's transactions are the only writers, one at a time, so versions follow commits).
 */
export function changed(tx: Db, w: Authored, action: LibraryAction, subject: string) {
  const previous = versionOf(tx, w.guildId);
  const version = highestVersion(tx) + 1;
  tx.insert(libraryVersions)
    .values({ guildId: w.guildId, version })
    .onConflictDoUpdate({ target: libraryVersions.guildId, set: { version } })
    .run();
  tx.insert(libraryEvents)
    .values({
      guildId: w.guildId,
      at: w.at,
      userId: w.actor.id,
      userName: w.actor.name,
      action,
      subject,
    })
    .run();
  return { previous, version };
}

/** Stores claims as approved in place of those with the same slugs; returns how many it replaced. */
export function putApprovedClaims(tx: Db, w: Authored, claims: readonly ImportedClaim[]): number {
  const taken = new Set(claimsOf(tx, w.guildId).map((c) => c.slug));
  const who = {
    status: "approved" as const,
    proposedBy: w.actor.id,
    proposedByName: w.actor.name,
    proposedAt: w.at,
    reviewedBy: w.actor.id,
    reviewedByName: w.actor.name,
    reviewedAt: w.at,
  };
  // On a conflict the row takes the values it was to be inserted with; one statement per chunk:
  // a per-claim upsert held the write lock (and the event loop) for half a second on 500 claims.
  const inserted = (column: { name: string }) => sql.raw(`excluded."${column.name}"`);
  const c = libraryClaims;
  for (let i = 0; i < claims.length; i += UPSERT_CHUNK) {
    tx.insert(libraryClaims)
      .values(
        claims
          .slice(i, i + UPSERT_CHUNK)
          .map((claim) => ({ guildId: w.guildId, ...claim, ...who })),
      )
      .onConflictDoUpdate({
        target: [c.guildId, c.slug],
        set: {
          articleId: inserted(c.articleId),
          claim: inserted(c.claim),
          status: inserted(c.status),
          proposedBy: inserted(c.proposedBy),
          proposedByName: inserted(c.proposedByName),
          proposedAt: inserted(c.proposedAt),
          reviewedBy: inserted(c.reviewedBy),
          reviewedByName: inserted(c.reviewedByName),
          reviewedAt: inserted(c.reviewedAt),
        },
      })
      .run();
  }
  return claims.filter((claim) => taken.has(claim.slug)).length;
}

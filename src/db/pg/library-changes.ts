import { sql } from "drizzle-orm";
import type { Authored, ImportedClaim, LibraryAction } from "../../library/stores.ts";
import { claimsOf, highestVersion, versionOf } from "./library-reads.ts";
import { libraryClaims, libraryEvents, libraryVersions } from "./schema.ts";
import type { PgTx } from "./transaction.ts";

/** The channel every committed library change is announced on, as `<guildId>:<version>`. */
export const LIBRARY_CHANNEL = "beleg_library";

/** Rows of one multi-row upsert: 11 values each, far below PostgreSQL's 65,535 parameters. */
const UPSERT_CHUNK = 400;

/**
 * Makes the library writers of every process take turns, the first thing each write does. The
 * lock is held until COMMIT, so a write reads (the version it was prepared from, the hourly
 * proposals, the free slugs, the limits) what every earlier write committed, and the versions it
 * gives out follow commit order. EXCLUSIVE mode still lets readers in: only writers wait.
 * Library writes are rare (a member's command each), so taking turns costs nothing that counts.
 */
export async function lockLibraries(tx: PgTx): Promise<void> {
  await tx.execute(sql`LOCK TABLE ${libraryVersions} IN EXCLUSIVE MODE`);
}

/**
 * Records a change: the server's next version (the highest stored plus one), its event, and its
 * announcement, which PostgreSQL delivers to the listeners only if and when this commits.
 */
export async function changed(tx: PgTx, w: Authored, action: LibraryAction, subject: string) {
  const previous = await versionOf(tx, w.guildId);
  const version = (await highestVersion(tx)) + 1;
  await tx
    .insert(libraryVersions)
    .values({ guildId: w.guildId, version })
    .onConflictDoUpdate({ target: libraryVersions.guildId, set: { version } });
  await tx.insert(libraryEvents).values({
    guildId: w.guildId,
    at: w.at,
    userId: w.actor.id,
    userName: w.actor.name,
    action,
    subject,
  });
  await tx.execute(sql`SELECT pg_notify(${LIBRARY_CHANNEL}, ${`${w.guildId}:${version}`})`);
  return { previous, version };
}

/** Stores claims as approved in place of those with the same slugs; returns how many it replaced. */
export async function putApprovedClaims(
  tx: PgTx,
  w: Authored,
  claims: readonly ImportedClaim[],
): Promise<number> {
  const taken = new Set((await claimsOf(tx, w.guildId)).map((c) => c.slug));
  const who = {
    status: "approved" as const,
    proposedBy: w.actor.id,
    proposedByName: w.actor.name,
    proposedAt: w.at,
    reviewedBy: w.actor.id,
    reviewedByName: w.actor.name,
    reviewedAt: w.at,
  };
  // On a conflict the row takes the values it was to be inserted with; one statement per chunk.
  // PostgreSQL refuses one statement updating a row twice, SQLite lets the last one win: keep
  // the last claim of each slug, as SQLite stores it.
  const rows = [...new Map(claims.map((claim) => [claim.slug, claim])).values()];
  const inserted = (column: { name: string }) => sql.raw(`excluded."${column.name}"`);
  const c = libraryClaims;
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    await tx
      .insert(libraryClaims)
      .values(
        rows.slice(i, i + UPSERT_CHUNK).map((claim) => ({ guildId: w.guildId, ...claim, ...who })),
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
      });
  }
  return claims.filter((claim) => taken.has(claim.slug)).length;
}

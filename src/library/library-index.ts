import { rebuildIndex } from "../corpus/fts.ts";
import type { Db } from "../db/client.ts";
import type { WriteQueue } from "../db/write-queue.ts";
import type { Logger } from "../logger.ts";
import { analyseLibraryArticle, type LibraryArticleRows } from "./article-rows.ts";
import type { LibraryClaimRow } from "./claim-placing.ts";
import {
  addLibraryClaimRows,
  appliedVersion,
  appliedVersions,
  markApplied,
  mirrorHidden,
  preparedOn,
  putIndexedArticle,
  putLibrarySnapshot,
  removeIndexedArticle,
  writeLibraryClaimRows,
} from "./index-library.ts";
import type { LibraryStore, LibraryVersion } from "./stores.ts";

/** One stored change of a server's library, as the index applies it. */
export interface LibraryIndexChange {
  readonly guildId: string;
  /** The server's version before the change and the one it produced. */
  readonly previous: LibraryVersion;
  readonly version: LibraryVersion;
  /**
   * What rows were prepared on (`LibraryIndex.preparedOn`), when they were: should the index
   * have changed since, they are not written and the server is brought in line from the store.
   */
  readonly preparedOn?: string;
  readonly articles?: readonly LibraryArticleRows[];
  /** The index id of an article removed (its claims go with it). */
  readonly removed?: string;
  /** The server's claim rows anew, or rows to add to them. */
  readonly claims?:
    | { readonly replace: readonly LibraryClaimRow[] }
    | { readonly add: readonly LibraryClaimRow[] };
  readonly hidden?: string;
  readonly shown?: string;
}

/**
 * The step that brings the search index (a local SQLite file, derived data) in line with the
 * libraries as stored. After every stored change the service applies it here; a change the
 * index cannot apply as is (it missed an earlier one, or the corpus changed while it was
 * prepared) brings that server in line from the store instead. An index that failed to apply a
 * change is brought in line again on the server's next change, or at the next start (`catchUp`):
 * what the user was told is stored, is stored, whatever the index did.
 */
export class LibraryIndex {
  constructor(
    private readonly deps: {
      readonly db: Db;
      readonly writes: WriteQueue;
      readonly store: LibraryStore;
      readonly clock: () => number;
      readonly logger?: Logger | undefined;
    },
  ) {}

  /** What work prepared now for a server is prepared on (see LibraryIndexChange.preparedOn). */
  preparedOn(guildId: string): string {
    return preparedOn(this.deps.db, guildId);
  }

  /** Applies one stored change; never rejects (a failure is logged and repaired later). */
  async apply(change: LibraryIndexChange): Promise<void> {
    const { guildId } = change;
    try {
      const applied = await this.deps.writes.run((tx) => {
        if (appliedVersion(tx, guildId) !== change.previous) return false;
        if (change.preparedOn !== undefined && preparedOn(tx, guildId) !== change.preparedOn)
          return false;
        write(tx, change);
        markApplied(tx, guildId, change.version, this.deps.clock());
        return true;
      });
      if (!applied) await this.sync(guildId);
    } catch (error) {
      this.deps.logger?.warn(
        { err: error, guildId },
        "a library change is stored but not yet in the search index; bringing it in line",
      );
      await this.sync(guildId).catch((again: unknown) =>
        this.deps.logger?.error(
          { err: again, guildId },
          "the search index lags a stored library change until its next change or restart",
        ),
      );
    }
  }

  /**
   * Brings one server's part of the index (or, without a server, every server's) in line with
   * the store: its articles analysed anew, its claims placed anew, its hidden articles.
   */
  async sync(guildId?: string): Promise<void> {
    const snapshot = await this.deps.store.snapshot(guildId);
    const now = this.deps.clock();
    const rows = snapshot.articles.flatMap(
      (a) => analyseLibraryArticle(a.guildId, a.slug, a.source, new Date(now)).rows ?? [],
    );
    await this.deps.writes.run((tx) => putLibrarySnapshot(tx, guildId, snapshot, rows, now));
  }

  /** The highest library version a catch-up has seen: later ones ask only what changed since. */
  private seen: LibraryVersion = 0;

  /**
   * Brings every server whose stored version is not the one the index applied in line (at
   * start: changes another process stored, or this one stored and did not index; later: the
   * servers changed since the last catch-up, as announced); returns how many servers it brought
   * in line. Library writes commit in version order (one lock), so nothing below `seen` can
   * still appear.
   */
  async catchUp(): Promise<number> {
    const first = this.seen === 0;
    const changes = await this.deps.store.changesSince(this.seen);
    const stored = changes.servers;
    const applied = appliedVersions(this.deps.db);
    const candidates = first ? new Set([...stored.keys(), ...applied.keys()]) : stored.keys();
    const stale = [...candidates].filter(
      (guildId) => (stored.get(guildId) ?? 0) !== (applied.get(guildId) ?? 0),
    );
    for (const guildId of stale) await this.sync(guildId);
    this.seen = Math.max(this.seen, changes.version);
    return stale.length;
  }

  private catching: Promise<void> | undefined;
  private catchAgain = false;

  /**
   * A catch-up for a change another process announced: one at a time, and one more after it
   * when announcements came in meanwhile (a burst of changes costs two catch-ups, not one each).
   */
  catchUpSoon(onError: (error: unknown) => void): void {
    if (this.catching) {
      this.catchAgain = true;
      return;
    }
    this.catching = this.catchUp()
      .then(() => undefined, onError)
      .finally(() => {
        this.catching = undefined;
        if (!this.catchAgain) return;
        this.catchAgain = false;
        this.catchUpSoon(onError);
      });
  }
}

function write(tx: Db, change: LibraryIndexChange): void {
  for (const rows of change.articles ?? []) putIndexedArticle(tx, rows);
  if (change.removed !== undefined) {
    removeIndexedArticle(tx, change.removed);
    if (!change.claims) rebuildIndex(tx, "claims_fts");
  }
  if (change.claims && "replace" in change.claims)
    writeLibraryClaimRows(tx, change.guildId, change.claims.replace);
  else if (change.claims) addLibraryClaimRows(tx, change.claims.add);
  if (change.hidden !== undefined) mirrorHidden(tx, change.guildId, { add: [change.hidden] });
  if (change.shown !== undefined) mirrorHidden(tx, change.guildId, { drop: change.shown });
}

import type { Database, Statement } from "better-sqlite3";
import type { Bridges } from "./expand.ts";
import { idfOf, type VocabularyView } from "./vocabulary.ts";

/** The stems of the servers' own libraries: in how many library passages, and whose. */
interface LibraryStem {
  passages: number;
  readonly guilds: Set<string>;
}

/**
 * The stems that only servers' own articles hold, read once per library version. The index's
 * vocabulary counts every server's passages; a server must learn nothing of another's words,
 * so corrections, compounds and bridges are drawn only from the stems it can see: the shared
 * corpus's and its own library's. Libraries are small (see library/limits.ts), so this is too.
 */
export class LibraryStems {
  private readonly version: Statement<[], string | null>;
  private readonly rows: Statement<[], { guildId: string; stems: string }>;
  private loaded: { version: string | null; stems: Map<string, LibraryStem> } | undefined;

  constructor(sqlite: Database) {
    this.version = sqlite
      .prepare("SELECT value FROM index_meta WHERE key = 'library_version'")
      .pluck() as Statement<[], string | null>;
    this.rows = sqlite.prepare(
      `SELECT a.guild_id AS guildId, p.stems AS stems FROM passages p
       JOIN articles a ON a.id = p.article_id WHERE a.guild_id IS NOT NULL`,
    ) as Statement<[], { guildId: string; stems: string }>;
  }

  private current(): Map<string, LibraryStem> {
    const version = this.version.get() ?? null;
    if (this.loaded?.version === version) return this.loaded.stems;
    const stems = new Map<string, LibraryStem>();
    for (const row of this.rows.iterate()) {
      for (const stem of new Set(row.stems.split(" "))) {
        const known = stems.get(stem);
        if (known) {
          known.passages++;
          known.guilds.add(row.guildId);
        } else stems.set(stem, { passages: 1, guilds: new Set([row.guildId]) });
      }
    }
    this.loaded = { version, stems };
    return stems;
  }

  /**
   * Whether a stem is one that `guild` cannot see: only other servers' articles hold it (the
   * shared corpus's passages are the index's minus the libraries').
   */
  hiddenFrom(guild: string | null, vocabulary: VocabularyView): (stem: string) => boolean {
    const stems = this.current();
    if (stems.size === 0) return () => false;
    return (stem) => {
      const own = stems.get(stem);
      if (!own || (guild !== null && own.guilds.has(guild))) return false;
      return vocabulary.documentFrequency(stem) <= own.passages;
    };
  }
}

/** Compounds looked through to find one a server sees. */
const SEEN_SCAN = 50;

/** A vocabulary as one server sees it: another server's stems are not there. */
export function scopedVocabulary(
  base: VocabularyView,
  hidden: (stem: string) => boolean,
): VocabularyView {
  const seen = (stem: string) => !hidden(stem);
  const documentFrequency = (stem: string) => (seen(stem) ? base.documentFrequency(stem) : 0);
  return {
    passageCount: base.passageCount,
    idf: (stem) => idfOf(base.passageCount, documentFrequency(stem)),
    documentFrequency,
    hasPrefix: (prefix) =>
      base.hasPrefix(prefix) &&
      (documentFrequency(prefix) > 0 ||
        base.compoundsOf(prefix, SEEN_SCAN).some((c) => c.startsWith(prefix) && seen(c))),
    hasSuffix: (suffix) =>
      base.hasSuffix(suffix) &&
      (documentFrequency(suffix) > 0 ||
        (base.affixedBy(suffix) ?? base.compoundsOf(suffix, SEEN_SCAN)).some(
          (c) => c.endsWith(suffix) && seen(c),
        )),
    compoundsOf: (stem, max) =>
      base
        .compoundsOf(stem, max + SEEN_SCAN)
        .filter(seen)
        .slice(0, max),
    affixedBy: (stem) => base.affixedBy(stem)?.filter(seen),
    closest: (stem, maxDistance, accept = () => true) =>
      base.closest(stem, maxDistance, (term) => seen(term) && accept(term)),
  };
}

/** Synonyms and translations as one server sees them: only to words it can see. */
export function scopedBridges(base: Bridges, hidden: (stem: string) => boolean): Bridges {
  return {
    synonyms: (stem) => base.synonyms(stem).filter((s) => !hidden(s)),
    translations: (english) => base.translations(english).filter((t) => !hidden(t.german)),
    ...(base.commonness ? { commonness: base.commonness } : {}),
  };
}

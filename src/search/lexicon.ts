import type { Database, Statement } from "better-sqlite3";
import type { Bridges } from "./expand.ts";

/**
 * A word in at least this many lexicon entries is everyday: not required of a passage, and as a
 * synonym no evidence. Tuned on test/retrieval/evidence-tune.yaml (30–40 gave the same rates; 20
 * let wrong details through).
 */
export const EVERYDAY_ENTRIES = 40;

/** Synonyms kept per word at ingest, and so offered per query word. */
export const SYNONYMS_PER_WORD = 6;

/** The stored lexicon entries (see corpus/lexicons.ts), looked up by indexed reads per word. */
export function storedBridges(sqlite: Database): Bridges {
  const synonyms = sqlite
    .prepare("SELECT synonym FROM lexicon_synonyms WHERE stem = ? ORDER BY rank")
    .pluck() as Statement<[string], string>;
  const translations = sqlite.prepare(
    "SELECT german, weight FROM lexicon_translations WHERE english = ? ORDER BY weight DESC, german",
  ) as Statement<[string], { german: string; weight: number }>;
  const commonness = sqlite
    .prepare("SELECT entries FROM lexicon_commonness WHERE language = ? AND stem = ?")
    .pluck() as Statement<[string, string], number>;
  return {
    synonyms: (stem) => synonyms.all(stem),
    translations: (english) => translations.all(english),
    commonness: (stem, english) => commonness.get(english ? "en" : "de", stem) ?? 0,
  };
}

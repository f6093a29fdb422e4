import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { insertMany } from "../db/bulk.ts";
import type { Db } from "../db/client.ts";
import { lexiconCommonness, lexiconSynonyms, lexiconTranslations } from "../db/schema.ts";
import { isStopWord, stemWord } from "../search/analyzer.ts";
import { englishStems } from "../search/english.ts";
import { SYNONYMS_PER_WORD } from "../search/lexicon.ts";
import { normalizeWord } from "../search/normalize.ts";

/**
 * Where the lexical resources are: OpenThesaurus (Debian `openthesaurus-de-text`, LGPL-2.1+) for
 * German synonyms and Ding (Debian `trans-de-en`, GPL-2+) for English words. They are read only
 * when the corpus or the files change; what reaches the corpus is kept in the database.
 */
export interface LexiconFiles {
  readonly thesaurus: string;
  readonly dictionary: string;
}

export interface Synonym {
  readonly stem: string;
  readonly synonym: string;
  /** 0 for the synonym sharing most synsets with the word, then 1, 2, … */
  readonly rank: number;
}

export interface Translation {
  /** English content stems of a word or phrase, space-separated ("front row"). */
  readonly english: string;
  /** A German stem of the corpus. */
  readonly german: string;
  /** 1 for a headword's first sense, less for later ones. */
  readonly weight: number;
}

export interface Commonness {
  readonly language: "de" | "en";
  readonly stem: string;
  readonly entries: number;
}

export interface ReducedLexicons {
  readonly synonyms: readonly Synonym[];
  readonly translations: readonly Translation[];
  /** Stems in at least MIN_COMMON_ENTRIES lexicon entries, with their number of entries. */
  readonly commonness: readonly Commonness[];
  /** Files that could not be read. */
  readonly missing: readonly string[];
}

/** German stems kept per English word or phrase, the first senses first. */
const MAX_TRANSLATIONS = 8;
/** English phrases longer than this are not looked up. */
const MAX_PHRASE_WORDS = 3;

/** Raised when what is kept of the lexicons changes shape: stored entries are derived again. */
const REDUCTION_VERSION = "3";
/** Stems in fewer lexicon entries than this are not stored: they count as uncommon words. */
const MIN_COMMON_ENTRIES = 3;
/** Words of a Ding entry's German side, phrases and idioms included ("gute Nacht sagen"). */
const WORDS = /\p{L}{2,}/gu;

/** Size and time of each file: a changed or newly installed lexicon is read again. */
export function lexiconFingerprint(files: LexiconFiles): string {
  const parts = [files.thesaurus, files.dictionary].map((path) => {
    try {
      const s = statSync(path);
      return `${path} ${s.size} ${s.mtimeMs}`;
    } catch {
      return `${path} missing`;
    }
  });
  return createHash("sha256")
    .update(`${REDUCTION_VERSION}\n${parts.join("\n")}`)
    .digest("hex");
}

export function missingLexicons(files: LexiconFiles): string[] {
  return [files.thesaurus, files.dictionary].filter((path) => {
    try {
      return !statSync(path).isFile();
    } catch {
      return true;
    }
  });
}

/** Notes in parentheses, braces, brackets and angle brackets: "(ugs.)", "{f}", "[mil.]". */
const ANNOTATIONS = /\([^)]*\)|\{[^}]*\}|\[[^\]]*\]|<[^>]*>/g;

const clean = (entry: string) => entry.replace(ANNOTATIONS, " ").replace(/\s+/g, " ").trim();

const SINGLE_WORD = /^\p{L}+$/u;

/**
 * The stem of a single German word, or undefined for phrases, fragments ("Deputat...") and stop
 * words. Lexicon entries repeat (a word in many synsets and senses): each is worked out once.
 */
function germanStemmer(): (entry: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (entry) => {
    if (known.has(entry)) return known.get(entry);
    const word = clean(entry);
    const norm = SINGLE_WORD.test(word) ? normalizeWord(word) : "";
    const stem = norm === "" || isStopWord(norm) ? undefined : stemWord(norm);
    known.set(entry, stem);
    return stem;
  };
}

function readLines(path: string, missing: string[]): string[] {
  try {
    return readFileSync(path, "utf8").split("\n");
  } catch {
    missing.push(path);
    return [];
  }
}

/** A lexicon read and stemmed, before it meets a corpus: the slow part, done once per ingest. */
export interface PreparedLexicons {
  /** OpenThesaurus synsets, as the distinct stems of their single words. */
  readonly synsets: readonly (readonly string[])[];
  /** Ding sub-entries: their German single words' stems (first sense or not), their English side. */
  readonly senses: readonly {
    readonly german: readonly (readonly [stem: string, first: boolean])[];
    readonly english: string;
  }[];
  /** Per German stem, the Ding entries (German side, phrases included) and synsets holding it. */
  readonly germanEntries: ReadonlyMap<string, number>;
  /** Per English stem, the Ding entries whose English side holds it. */
  readonly englishEntries: ReadonlyMap<string, number>;
  readonly missing: readonly string[];
}

/** Reads both lexicons and stems their German words (OpenThesaurus: one synset a line, ";"). */
export function prepareLexicons(files: LexiconFiles): PreparedLexicons {
  const missing: string[] = [];
  const germanStem = germanStemmer();
  const synsets: string[][] = [];
  const germanEntries = new Map<string, number>();
  const englishEntries = new Map<string, number>();
  const countIn = (entries: Map<string, number>, stems: Iterable<string>) => {
    for (const stem of stems) entries.set(stem, (entries.get(stem) ?? 0) + 1);
  };
  for (const line of readLines(files.thesaurus, missing)) {
    if (line.startsWith("#") || line.trim() === "") continue;
    const stems = [...new Set(line.split(";").map(germanStem))].filter(
      (stem): stem is string => stem !== undefined,
    );
    countIn(germanEntries, stems);
    if (stems.length > 1) synsets.push(stems);
  }
  // Ding: "German :: English", sub-entries aligned by "|", alternatives separated by ";".
  const senses: { german: [string, boolean][]; english: string }[] = [];
  for (const line of readLines(files.dictionary, missing)) {
    const split = line.indexOf(" :: ");
    if (line.startsWith("#") || split < 0) continue;
    const germanSide = line.slice(0, split);
    const englishSide = line.slice(split + 4);
    const germanWords = [...clean(germanSide).matchAll(WORDS)];
    countIn(germanEntries, new Set(germanWords.flatMap((m) => germanStem(m[0]) ?? [])));
    countIn(englishEntries, new Set(englishStems(clean(englishSide))));
    const germanParts = germanSide.split(" | ");
    const englishParts = englishSide.split(" | ");
    const count = Math.min(germanParts.length, englishParts.length);
    for (let part = 0; part < count; part++) {
      const german = (germanParts[part] as string).split(";").flatMap((alternative, i) => {
        const stem = germanStem(alternative);
        return stem ? [[stem, part === 0 && i === 0] as [string, boolean]] : [];
      });
      if (german.length > 0) senses.push({ german, english: englishParts[part] as string });
    }
  }
  return { synsets, senses, germanEntries, englishEntries, missing };
}

/** Each word's synonyms in the corpus, the ones sharing most synsets with it first. */
function reduceThesaurus(prepared: PreparedLexicons, corpus: ReadonlySet<string>): Synonym[] {
  const shared = new Map<string, Map<string, number>>();
  for (const stems of prepared.synsets) {
    const inCorpus = stems.filter((s) => corpus.has(s));
    if (inCorpus.length === 0) continue;
    for (const stem of stems) {
      const counts = shared.get(stem) ?? new Map<string, number>();
      for (const synonym of inCorpus) {
        if (synonym !== stem) counts.set(synonym, (counts.get(synonym) ?? 0) + 1);
      }
      if (counts.size > 0) shared.set(stem, counts);
    }
  }
  return [...shared].flatMap(([stem, counts]) =>
    [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, SYNONYMS_PER_WORD)
      .map(([synonym], rank) => ({ stem, synonym, rank })),
  );
}

/**
 * Each English word or short phrase of a Ding sub-entry, paired with the single German words of
 * the same sub-entry that the corpus holds.
 */
function reduceDictionary(prepared: PreparedLexicons, corpus: ReadonlySet<string>): Translation[] {
  const best = new Map<string, Map<string, number>>();
  for (const sense of prepared.senses) {
    const german = sense.german.filter(([stem]) => corpus.has(stem));
    if (german.length === 0) continue;
    for (const alternative of sense.english.split(";")) {
      const stems = englishStems(clean(alternative).replace(/^to /, ""));
      if (stems.length === 0 || stems.length > MAX_PHRASE_WORDS) continue;
      const key = stems.join(" ");
      const byGerman = best.get(key) ?? new Map<string, number>();
      for (const [stem, first] of german) {
        const weight = first ? 1 : 0.6;
        if (weight > (byGerman.get(stem) ?? 0)) byGerman.set(stem, weight);
      }
      best.set(key, byGerman);
    }
  }
  return [...best].flatMap(([english, byGerman]) =>
    [...byGerman]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_TRANSLATIONS)
      .map(([german, weight]) => ({ english, german, weight })),
  );
}

const common = (entries: ReadonlyMap<string, number>, language: "de" | "en"): Commonness[] =>
  [...entries]
    .filter(([, n]) => n >= MIN_COMMON_ENTRIES)
    .map(([stem, n]) => ({ language, stem, entries: n }));

/** The parts of both lexicons that reach the corpus's own vocabulary (its stems). */
export function reducePrepared(
  prepared: PreparedLexicons,
  corpus: ReadonlySet<string>,
): ReducedLexicons {
  return {
    synonyms: reduceThesaurus(prepared, corpus),
    translations: reduceDictionary(prepared, corpus),
    commonness: [...common(prepared.germanEntries, "de"), ...common(prepared.englishEntries, "en")],
    missing: prepared.missing,
  };
}

/** The stems of the articles about to be indexed, with those already in the index (if kept). */
export function corpusStems(
  db: Db,
  incoming: ReadonlySet<string>,
  withIndexed: boolean,
): Set<string> {
  const stems = new Set(incoming);
  if (withIndexed)
    for (const stem of db.$client.prepare("SELECT term FROM passages_vocab").pluck().iterate())
      stems.add(stem as string);
  return stems;
}

/** Replaces the stored lexicon entries (none when the lexicons are not in use). */
export function storeLexicons(tx: Db, lexicons: ReducedLexicons | undefined): void {
  tx.delete(lexiconSynonyms).run();
  tx.delete(lexiconTranslations).run();
  tx.delete(lexiconCommonness).run();
  if (!lexicons) return;
  insertMany(tx, lexiconSynonyms, lexicons.synonyms);
  insertMany(tx, lexiconTranslations, lexicons.translations);
  insertMany(tx, lexiconCommonness, lexicons.commonness);
}

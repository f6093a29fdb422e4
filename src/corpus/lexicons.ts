import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import type { Db } from "../db/client.ts";
import { lexiconSynonyms, lexiconTranslations } from "../db/schema.ts";
import { isStopWord, stemWord } from "../search/analyzer.ts";
import { englishStems } from "../search/english.ts";
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
}

export interface Translation {
  /** English content stems of a word or phrase, space-separated ("front row"). */
  readonly english: string;
  /** A German stem of the corpus. */
  readonly german: string;
  /** 1 for a headword's first sense, less for later ones. */
  readonly weight: number;
}

export interface ReducedLexicons {
  readonly synonyms: readonly Synonym[];
  readonly translations: readonly Translation[];
  /** Files that could not be read. */
  readonly missing: readonly string[];
}

/** Synonyms kept per word, the ones sharing most synsets with it first. */
const MAX_SYNONYMS = 8;
/** German stems kept per English word or phrase, the first senses first. */
const MAX_TRANSLATIONS = 8;
/** English phrases longer than this are not looked up. */
const MAX_PHRASE_WORDS = 3;

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
  return createHash("sha256").update(parts.join("\n")).digest("hex");
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
 * The stem of a single German word that may be in the corpus, or undefined for phrases,
 * fragments ("Deputat...") and stop words. A stem starts with its word's first letters, so a
 * word whose start begins no corpus stem is passed over without stemming (most of Ding).
 */
function germanStem(entry: string, starts?: ReadonlySet<string>): string | undefined {
  const word = clean(entry);
  if (!SINGLE_WORD.test(word)) return undefined;
  const norm = normalizeWord(word);
  if (isStopWord(norm) || (starts && !starts.has(norm.slice(0, START)))) return undefined;
  return stemWord(norm);
}

const START = 3;

function readLines(path: string, missing: string[]): string[] {
  try {
    return readFileSync(path, "utf8").split("\n");
  } catch {
    missing.push(path);
    return [];
  }
}

/** OpenThesaurus: one synset a line, words separated by ";". */
function reduceThesaurus(lines: readonly string[], corpus: ReadonlySet<string>): Synonym[] {
  const shared = new Map<string, Map<string, number>>();
  const starts = new Set([...corpus].map((s) => s.slice(0, START)));
  for (const line of lines) {
    if (line.startsWith("#") || line.trim() === "") continue;
    const entries = line.split(";");
    const inCorpus = [
      ...new Set(entries.map((e) => germanStem(e, starts)).filter((s) => s && corpus.has(s))),
    ] as string[];
    if (inCorpus.length === 0) continue;
    const stems = [...new Set(entries.map((e) => germanStem(e)).filter((s) => s !== undefined))];
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
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_SYNONYMS)
      .map(([synonym]) => ({ stem, synonym })),
  );
}

/**
 * Ding: "German :: English", sub-entries aligned by "|", alternatives separated by ";". Each
 * English word or short phrase of a sub-entry is paired with the single German words of the
 * same sub-entry that the corpus holds.
 */
function reduceDictionary(lines: readonly string[], corpus: ReadonlySet<string>): Translation[] {
  const best = new Map<string, Map<string, number>>();
  const starts = new Set([...corpus].map((s) => s.slice(0, START)));
  for (const line of lines) {
    const split = line.indexOf(" :: ");
    if (line.startsWith("#") || split < 0) continue;
    const germanParts = line.slice(0, split).split(" | ");
    const englishParts = line.slice(split + 4).split(" | ");
    const count = Math.min(germanParts.length, englishParts.length);
    for (let part = 0; part < count; part++) {
      const german = (germanParts[part] as string)
        .split(";")
        .map((alternative, i) => ({
          stem: germanStem(alternative, starts),
          first: part === 0 && i === 0,
        }))
        .filter((g): g is { stem: string; first: boolean } => !!g.stem && corpus.has(g.stem));
      if (german.length === 0) continue;
      for (const alternative of (englishParts[part] as string).split(";")) {
        const stems = englishStems(clean(alternative).replace(/^to /, ""));
        if (stems.length === 0 || stems.length > MAX_PHRASE_WORDS) continue;
        const key = stems.join(" ");
        const byGerman = best.get(key) ?? new Map<string, number>();
        for (const g of german) {
          const weight = g.first ? 1 : 0.6;
          if (weight > (byGerman.get(g.stem) ?? 0)) byGerman.set(g.stem, weight);
        }
        best.set(key, byGerman);
      }
    }
  }
  return [...best].flatMap(([english, byGerman]) =>
    [...byGerman]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_TRANSLATIONS)
      .map(([german, weight]) => ({ english, german, weight })),
  );
}

/** The parts of both lexicons that reach the corpus's own vocabulary (its stems). */
export function reduceLexicons(files: LexiconFiles, corpus: ReadonlySet<string>): ReducedLexicons {
  const missing: string[] = [];
  const thesaurus = readLines(files.thesaurus, missing);
  const dictionary = readLines(files.dictionary, missing);
  return {
    synonyms: reduceThesaurus(thesaurus, corpus),
    translations: reduceDictionary(dictionary, corpus),
    missing,
  };
}

/** The stems of the index, with those of the articles about to be indexed. */
export function corpusStems(
  db: Db,
  incoming: Iterable<{ readonly passages: readonly { readonly stems: string }[] }>,
): Set<string> {
  const stems = new Set(
    db.$client.prepare("SELECT term FROM passages_vocab").pluck().all() as string[],
  );
  for (const article of incoming) {
    for (const passage of article.passages) {
      for (const stem of passage.stems.split(" ")) if (stem) stems.add(stem);
    }
  }
  return stems;
}

const CHUNK = 400;

/** Replaces the stored lexicon entries (none when the lexicons are not in use). */
export function storeLexicons(tx: Db, lexicons: ReducedLexicons | undefined): void {
  tx.delete(lexiconSynonyms).run();
  tx.delete(lexiconTranslations).run();
  if (!lexicons) return;
  for (let i = 0; i < lexicons.synonyms.length; i += CHUNK)
    tx.insert(lexiconSynonyms)
      .values(lexicons.synonyms.slice(i, i + CHUNK))
      .run();
  for (let i = 0; i < lexicons.translations.length; i += CHUNK)
    tx.insert(lexiconTranslations)
      .values(lexicons.translations.slice(i, i + CHUNK))
      .run();
}

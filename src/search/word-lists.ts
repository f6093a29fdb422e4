import { readFile } from "node:fs/promises";
import { normalizeWord } from "./normalize.ts";

/**
 * Where Debian's word lists are: `wngerman` (igerman98, GPL-2+) and `wamerican` (SCOWL, a
 * permissive licence). Read once at start; nothing of them is stored.
 */
export interface WordListFiles {
  readonly german: string;
  readonly english: string;
}

/** Lines normalised per step of the background load: each step holds the event loop ~10 ms. */
const STEP = 10_000;
const PLAIN = /^[a-z]+$/;

/**
 * The words of German and English, to tell a word that the corpus lacks (reported as not found)
 * from a typo (corrected), and a German noun (capitalised in the list, required of a passage)
 * from other words. Empty until loaded, and when the files are missing: then every unknown word
 * may be corrected and only a typed capital marks a noun, as before the lists.
 */
export class WordLists {
  private readonly nouns = new Set<string>();
  private readonly others = new Set<string>();
  private readonly english = new Set<string>();
  private loaded = false;

  /** A word of either language (normalised). */
  isWord(norm: string): boolean {
    return this.isGermanWord(norm) || this.isEnglishWord(norm);
  }

  /** A word of the English list (normalised). */
  isEnglishWord(norm: string): boolean {
    return this.english.has(norm);
  }

  /** A word of the German list (normalised). */
  isGermanWord(norm: string): boolean {
    return this.nouns.has(norm) || this.others.has(norm);
  }

  /** Whether the lists are there: without them, nothing is known to be a word. */
  get ready(): boolean {
    return this.loaded;
  }

  /** A German noun: listed capitalised only ("Sprechstunde", not "kaufen"/"Kaufen"). */
  isNoun(norm: string): boolean {
    return this.nouns.has(norm) && !this.others.has(norm);
  }

  /**
   * Reads the lists in steps that yield to the event loop. Missing files are listed and skipped.
   */
  async load(files: WordListFiles): Promise<string[]> {
    const missing: string[] = [];
    for (const [path, german] of [
      [files.german, true],
      [files.english, false],
    ] as const) {
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch {
        missing.push(path);
        continue;
      }
      const lines = text.split("\n");
      for (let i = 0; i < lines.length; i += STEP) {
        await new Promise((resolve) => setImmediate(resolve));
        for (const line of lines.slice(i, i + STEP)) this.add(line.trim(), german);
      }
    }
    this.loaded = missing.length < 2;
    return missing;
  }

  private add(line: string, german: boolean): void {
    if (line === "") return;
    const norm = PLAIN.test(line) ? line : normalizeWord(line);
    if (!german) {
      this.english.add(norm);
      return;
    }
    if (line[0] !== line[0]?.toLowerCase()) this.nouns.add(norm);
    else this.others.add(norm);
  }
}

const loadedLists = new Map<string, Promise<{ lists: WordLists; missing: string[] }>>();

/**
 * The word lists of these files, read once per process: every app a process opens (the tests
 * open many) shares them, as they never change while it runs.
 */
export function wordListsOf(
  files: WordListFiles,
): Promise<{ lists: WordLists; missing: string[] }> {
  const key = `${files.german}\n${files.english}`;
  let loading = loadedLists.get(key);
  if (!loading) {
    const lists = new WordLists();
    loading = lists.load(files).then((missing) => ({ lists, missing }));
    loadedLists.set(key, loading);
  }
  return loading;
}

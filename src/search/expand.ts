import { analyze, isStopWord, stemWord } from "./analyzer.ts";
import { englishStem, isEnglishStopWord } from "./english.ts";
import { fillerStarts } from "./filler.ts";
import { inflections, otherNumber } from "./inflections.ts";
import { EVERYDAY_ENTRIES } from "./lexicon.ts";
import {
  MAX_QUERY_CHARS,
  MAX_QUERY_TERMS,
  type QueryConcept,
  type QueryForm,
  splitCompound,
} from "./query.ts";
import { tokenize } from "./tokenize.ts";
import { MIN_AFFIX_LENGTH, type VocabularyView as Vocabulary } from "./vocabulary.ts";
import { WordLists } from "./word-lists.ts";

/**
 * What counts less than a word as typed: a part of an unknown compound, a corrected spelling, a
 * synonym (OpenThesaurus), a translation (Ding) scaled by how primary a sense it is.
 */
const CREDITS = {
  inflection: 0.9,
  part: 0.7,
  correction: 0.8,
  synonym: 0.6,
  translation: 0.8,
} as const;
const MAX_TRANSLATIONS = 6;

/** The lexicon entries that reach the corpus (see corpus/lexicons.ts), looked up per word. */
export interface Bridges {
  synonyms(stem: string): readonly string[];
  translations(english: string): readonly { readonly german: string; readonly weight: number }[];
  /**
   * How everyday a German (or English) stem is: the lexicon entries holding it (0 when uncommon
   * or without lexicons). Not a bridge, but read from the same stored lexicons.
   */
  commonness?(stem: string, english: boolean): number;
}

const NO_BRIDGES: Bridges = { synonyms: () => [], translations: () => [] };

const NUMBER = /^\p{N}+$/u;

/**
 * A name's genitive or a loanword's plural ("Trumps", "bidens", "Startups"): the word without its
 * "s" as another form, since a passage may hold only "Trump". Snowball keeps that "s" after most
 * letters; a word list cannot tell, since "trumps" is an English word too.
 */
function withoutS(norm: string, stem: string, vocabulary: Vocabulary): QueryForm[] {
  if (norm.length < 4 || !norm.endsWith("s")) return [];
  const bare = stemWord(norm.slice(0, -1));
  return bare !== stem && vocabulary.documentFrequency(bare) > 0
    ? [{ stem: bare, credit: CREDITS.inflection, origin: "typed" }]
    : [];
}

/** Two stems that differ only in their last few letters: forms of one word, not two words. */
const ROOT_ENDING = 3;
const sameRoot = (a: string, b: string) => {
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  return common >= 5 && common >= Math.max(a.length, b.length) - ROOT_ENDING;
};

const isKnown = (stem: string, vocabulary: Vocabulary) =>
  vocabulary.documentFrequency(stem) > 0 ||
  (stem.length >= MIN_AFFIX_LENGTH && (vocabulary.hasPrefix(stem) || vocabulary.hasSuffix(stem)));

const ACRONYM = /^\p{Lu}{2,5}$/u;
const isAcronym = (word: string) => ACRONYM.test(word);

/** A query is read as English when it has more English than German function words. */
export function looksEnglish(query: string): boolean {
  let english = 0;
  let german = 0;
  for (const token of tokenize(query)) {
    if (isEnglishStopWord(token.norm)) english++;
    if (isStopWord(token.norm)) german++;
  }
  return english > german;
}

function translated(english: string, bridges: Bridges): QueryForm[] {
  return bridges
    .translations(english)
    .slice(0, MAX_TRANSLATIONS)
    .map((t) => ({
      stem: t.german,
      credit: CREDITS.translation * t.weight,
      origin: "translation" as const,
    }));
}

function dedupe(forms: readonly QueryForm[]): QueryForm[] {
  const best = new Map<string, QueryForm>();
  for (const form of forms) {
    if ((best.get(form.stem)?.credit ?? -1) < form.credit) best.set(form.stem, form);
  }
  return [...best.values()];
}

/**
 * A German word's forms: its stem; for a word the index does not know, not even as part of a
 * compound, the first of these that finds anything: other forms of an inflected verb, its
 * translation when it is an English word, known parts ("Sonderstatus" → "status"), the nearest
 * indexed spelling ("Vereidgung" → "vereid"); and the synonyms that the corpus uses.
 */
function germanForms(
  stem: string,
  norm: string,
  vocabulary: Vocabulary,
  bridges: Bridges,
  words: WordLists,
) {
  const forms: QueryForm[] = [
    { stem, credit: 1, origin: "typed" },
    ...withoutS(norm, stem, vocabulary),
    ...otherNumber(norm, vocabulary, CREDITS.inflection),
  ];
  let base = stem;
  if (!isKnown(stem, vocabulary) && !NUMBER.test(stem)) {
    const inflected = inflections(norm, vocabulary, CREDITS.inflection);
    forms.push(...inflected);
    // Only an English word is translated: "hör" (of "hören") is no English "hor".
    const englishWord = !words.ready || words.isEnglishWord(norm);
    const english =
      inflected.length > 0 || !englishWord ? [] : translated(englishStem(norm), bridges);
    const parts = inflected.length > 0 || english.length > 0 ? [] : splitCompound(stem, vocabulary);
    forms.push(...english);
    for (const part of parts) forms.push({ stem: part, credit: CREDITS.part, origin: "part" });
    // Only a typo is corrected: a real word that the corpus lacks is not found, not replaced.
    if (inflected.length === 0 && english.length === 0 && parts.length === 0 && stem.length >= 5) {
      const nearest = vocabulary.closest(stem, stem.length >= 8 ? 2 : 1);
      // Only a typo is corrected: a real word that the corpus lacks is not replaced by another
      // word, only by another form of itself ("ernüchtert" → "ernüchternd").
      if (nearest && !words.isWord(norm)) {
        forms.push({ stem: nearest, credit: CREDITS.correction, origin: "correction" });
        base = nearest;
      } else if (nearest && sameRoot(stem, nearest)) {
        forms.push({ stem: nearest, credit: CREDITS.inflection, origin: "typed" });
        base = nearest;
      }
    }
  }
  // An unknown word that the stemmer cut down to another word has not that word's senses:
  // "boomer" only shares its stem with "Boom".
  const knownWord =
    !words.ready || words.isWord(norm) || base !== stem || stem === norm || !words.isWord(stem);
  const used = vocabulary.documentFrequency(stem) > 0;
  if (knownWord) {
    for (const synonym of bridges.synonyms(base)) {
      const everyday = (bridges.commonness?.(synonym, false) ?? 0) >= EVERYDAY_ENTRIES;
      // Of a word the corpus uses, only synonyms that are evidence are kept, and only as that.
      if (used && everyday) continue;
      forms.push({
        stem: synonym,
        credit: CREDITS.synonym,
        origin: "synonym",
        ...(everyday ? { rankOnly: true } : {}),
        ...(used ? { verdictOnly: true } : {}),
      });
    }
  }
  return dedupe(forms);
}

function germanConcepts(
  text: string,
  filler: ReadonlySet<number>,
  vocabulary: Vocabulary,
  bridges: Bridges,
  words: WordLists,
): QueryConcept[] {
  const concepts = new Map<string, QueryConcept>();
  for (const term of analyze(text)) {
    if (concepts.size >= MAX_QUERY_TERMS) break;
    if (filler.has(term.start)) continue;
    // "the", "of" in a mixed query ("die the intercept liste"): English function words that are
    // no German words say nothing, as German stop words say nothing.
    if (isEnglishStopWord(term.norm) && words.ready && !words.isGermanWord(term.norm)) continue;
    if (concepts.has(term.stem)) continue;
    concepts.set(term.stem, {
      forms: germanForms(term.stem, term.norm, vocabulary, bridges, words),
      counts: !term.joined,
      word: text.slice(term.start, term.end),
      start: term.start,
      end: term.end,
    });
  }
  return [...concepts.values()];
}

/**
 * An English query's words, each with its German translations, and its own German stem where
 * the corpus has it (names, shared words: "Musk", "Kuiper"). Two words that Ding translates
 * together ("front row") are looked up as one.
 */
function englishConcepts(
  text: string,
  filler: ReadonlySet<number>,
  vocabulary: Vocabulary,
  bridges: Bridges,
): QueryConcept[] {
  const tokens = tokenize(text).filter(
    (t) => !t.joined && !isEnglishStopWord(t.norm) && !filler.has(t.start),
  );
  const concepts: QueryConcept[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length && concepts.length < MAX_QUERY_TERMS; i++) {
    const token = tokens[i] as (typeof tokens)[number];
    const next = tokens[i + 1];
    const stem = englishStem(token.norm);
    const pair = next ? translated(`${stem} ${englishStem(next.norm)}`, bridges) : [];
    const words = pair.length > 0 && next ? [token, next] : [token];
    if (pair.length > 0) i++;
    const forms: QueryForm[] = [...pair];
    for (const word of words) {
      const own = stemWord(word.norm);
      const known = isKnown(own, vocabulary);
      if (known) forms.push({ stem: own, credit: 1, origin: "typed" });
      // "US", "AI": an acronym the corpus has is a name, not the English word "us" or "ai".
      if (!(known && isAcronym(text.slice(word.start, word.end))))
        forms.push(...translated(englishStem(word.norm), bridges));
    }
    const key = words.map((w) => w.norm).join(" ");
    if (seen.has(key)) continue;
    seen.add(key);
    concepts.push({
      forms:
        forms.length > 0
          ? dedupe(forms)
          : [{ stem: stemWord(token.norm), credit: 1, origin: "typed" }],
      counts: true,
      word: text.slice(words[0]?.start ?? 0, words.at(-1)?.end ?? 0),
      start: words[0]?.start ?? 0,
      end: words.at(-1)?.end ?? 0,
    });
  }
  return concepts;
}

/**
 * The words of a query with the forms to look each up by. Chat filler ("hab gelesen, dass",
 * "is it true") is left out: it neither picks passages nor is looked for in them.
 */
export function expandQuery(
  query: string,
  vocabulary: Vocabulary,
  bridges: Bridges = NO_BRIDGES,
  words: WordLists = new WordLists(),
): QueryConcept[] {
  const text = query.slice(0, MAX_QUERY_CHARS);
  const filler = fillerStarts(tokenize(text), text);
  return looksEnglish(text)
    ? englishConcepts(text, filler, vocabulary, bridges)
    : germanConcepts(text, filler, vocabulary, bridges, words);
}

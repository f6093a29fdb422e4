import { integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * German synonyms (OpenThesaurus) that reach the corpus: a word's stem and a corpus stem that
 * means the same. Derived at ingest from the lexicon file; queries never read the file.
 */
export const lexiconSynonyms = sqliteTable(
  "lexicon_synonyms",
  {
    stem: text("stem").notNull(),
    synonym: text("synonym").notNull(),
    /** 0 for the synonym sharing most synsets with the word, then 1, 2, … */
    rank: integer("rank").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.stem, t.synonym] })],
);

/**
 * English words and short phrases (Ding), as English stems, with the German corpus stems they
 * translate to. Derived at ingest from the dictionary file.
 */
export const lexiconTranslations = sqliteTable(
  "lexicon_translations",
  {
    english: text("english").notNull(),
    german: text("german").notNull(),
    weight: real("weight").notNull(),
  },
  (t) => [primaryKey({ columns: [t.english, t.german] })],
);

/**
 * How everyday a word is: the lexicon entries that hold its stem (hundreds for "Zeit", "heute"
 * or "time", a few for a name or a term). German: Ding's German sides and OpenThesaurus
 * synsets; English: Ding's English sides. Only stems in at least a few entries are kept; the
 * others count as uncommon. Derived at ingest from both files.
 */
export const lexiconCommonness = sqliteTable(
  "lexicon_commonness",
  {
    /** "de" or "en". */
    language: text("language").notNull(),
    stem: text("stem").notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [primaryKey({ columns: [t.language, t.stem] })],
);

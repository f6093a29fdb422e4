import { stemWord } from "./analyzer.ts";
import type { QueryForm } from "./query.ts";
import type { VocabularyView as Vocabulary } from "./vocabulary.ts";

/** Verb endings Snowball's German stemmer leaves on ("-iert", "-te"). */
const VERB_ENDINGS = [
  "ierten",
  "iertes",
  "ierte",
  "iert",
  "test",
  "eten",
  "ete",
  "ten",
  "te",
  "et",
  "t",
];
/** Separable prefixes, before the "ge" of a participle ("an-ge-fragt"). */
const PARTICIPLE =
  /^(ab|an|auf|aus|bei|ein|her|hin|mit|nach|vor|weg|zu|zuruck|uber|um|unter|durch)?ge(\p{L}{4,})$/u;
/** Separable prefixes, before the "zu" of an infinitive ("ab-zu-bauen", "runter-zu-fahren"). */
const ZU_INFINITIVE =
  /^(ab|an|auf|aus|bei|ein|fest|her|hin|hoch|los|mit|nach|runter|raus|rein|vor|weg|zuruck|zusammen|uber|um|unter|durch)zu(\p{L}{4,})$/u;

/**
 * Other forms of an inflected verb that the index may hold: without the "ge" of a participle
 * ("gewarnt" → "warnt") or the "zu" of an infinitive ("abzubauen" → "abbauen"), without an
 * ending Snowball keeps, or as the infinitive ("telefoniert" → "telefon…", "profitiert" →
 * "profitieren").
 */
export function inflections(norm: string, vocabulary: Vocabulary, credit: number): QueryForm[] {
  const participle = PARTICIPLE.exec(norm) ?? ZU_INFINITIVE.exec(norm);
  const bases = participle ? [norm, `${participle[1] ?? ""}${participle[2]}`] : [norm];
  const stems = new Set<string>();
  for (const base of bases) {
    stems.add(stemWord(base));
    for (const ending of VERB_ENDINGS) {
      if (!base.endsWith(ending) || base.length - ending.length < 4) continue;
      const root = base.slice(0, -ending.length);
      stems.add(stemWord(root));
      stems.add(stemWord(`${root}${ending.startsWith("ier") ? "ieren" : "en"}`));
    }
  }
  stems.delete(stemWord(norm));
  return [...stems]
    .filter((s) => vocabulary.documentFrequency(s) > 0)
    .map((stem) => ({ stem, credit, origin: "typed" as const }));
}

/** Singular endings whose plural is "-en": Firma/Firmen, Zentrum/Zentren, Virus/Viren. */
const LATIN_SINGULARS = ["a", "um", "us"];

/**
 * The other number of a noun that Snowball stems apart ("Firmen" → "firm", "Firma" → "firma"):
 * for "-en" the singulars in "-a", "-um", "-us", for those the plural in "-en", each only when
 * the index holds it. Evidence only: as search terms they would also find "Firmament".
 */
export function otherNumber(norm: string, vocabulary: Vocabulary, credit: number): QueryForm[] {
  const own = stemWord(norm);
  const candidates = norm.endsWith("en")
    ? LATIN_SINGULARS.map((ending) => `${norm.slice(0, -2)}${ending}`)
    : LATIN_SINGULARS.filter((ending) => norm.endsWith(ending)).map(
        (ending) => `${norm.slice(0, -ending.length)}en`,
      );
  return [...new Set(candidates.filter((c) => c.length >= 5).map(stemWord))]
    .filter((stem) => stem !== own && vocabulary.documentFrequency(stem) > 0)
    .map((stem) => ({ stem, credit, origin: "typed" as const, verdictOnly: true }));
}

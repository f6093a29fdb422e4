import { stemmer as englishStemmer } from "@orama/stemmers/english";
import { normalizeWord } from "./normalize.ts";
import { tokenize } from "./tokenize.ts";

/**
 * The Snowball project's English stop-word list (BSD licence), with question words, contractions
 * as the tokenizer joins them ("who's" → "whos") and indefinite pronouns.
 */
const ENGLISH_STOP_WORDS = new Set(
  `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
  her hers herself it its itself they them their theirs themselves what which who whom this that
  these those am is are was were be been being have has had having do does did doing would should
  could ought a an the and but if or because as until while of at by for with about against
  between into through during before after above below to from up down in out on off over under
  again further then once here there when where why how all any both each few more most other some
  such no nor not only own same so than too very s t can will just don now whose whom also many
  much did does according
  whos whats thats theres heres hows wheres whens its im ive ill id youre youve youll theyre theyve
  weve hes shes dont doesnt didnt cant couldnt wont wouldnt isnt arent wasnt werent hasnt havent
  hadnt shouldnt lets everyone everybody everything someone something anyone anything nothing`
    .split(/\s+/)
    .filter(Boolean)
    .map(normalizeWord),
);

export function isEnglishStopWord(norm: string): boolean {
  return ENGLISH_STOP_WORDS.has(norm);
}

/** The Snowball (Porter2) stem of a normalised English word; numbers stay as they are. */
export function englishStem(norm: string): string {
  return /^\p{N}+$/u.test(norm) ? norm : englishStemmer(norm);
}

/** English search terms of a text: Snowball (Porter2) stems, stop words dropped. */
export function englishStems(text: string): string[] {
  const stems: string[] = [];
  for (const token of tokenize(text)) {
    if (!ENGLISH_STOP_WORDS.has(token.norm)) stems.push(englishStem(token.norm));
  }
  return stems;
}

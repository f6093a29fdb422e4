import { analyze } from "../../src/search/analyzer.ts";
import { Vocabulary } from "../../src/search/vocabulary.ts";

/** The vocabulary of a few texts, each a passage: every stem's document frequency over them. */
export function vocabularyOver(texts: readonly string[]): Vocabulary {
  const frequencies = new Map<string, number>();
  for (const text of texts)
    for (const stem of new Set(analyze(text).map((t) => t.stem)))
      frequencies.set(stem, (frequencies.get(stem) ?? 0) + 1);
  return new Vocabulary(frequencies, texts.length);
}

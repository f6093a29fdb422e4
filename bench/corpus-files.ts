import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { looksGerman } from "../src/corpus/claim-rules.ts";

/** A generated corpus on disk, with what the queries are built from. */
export interface SyntheticCorpus {
  readonly name: "realistic" | "stress";
  readonly dir: string;
  readonly passages: number;
  readonly articles: number;
  readonly claims: number;
  /** Distinct word forms in the whole text (the vocabulary Heaps' law is about). */
  readonly types: number;
  readonly tokens: number;
  /** Capitalised words that occur, for building queries when a sample has none. */
  readonly nouns: readonly string[];
  /** Compounds that occur, for queries on their parts. */
  readonly compounds: readonly string[];
  /** Every 97th passage, for building queries. */
  readonly sample: readonly string[];
}

const PASSAGES_PER_ARTICLE = 20;
/** One claim per this many passages, as in the real corpus, so the claims' ranking is measured. */
const CLAIM_EVERY = 50;
const DISTRACTORS = ["Platzhalter", "Beispiel", "Ersatzwort"];

/**
 * Writes passages as a corpus folder: articles of 20 paragraphs, a claims file per article with
 * a claim every 50 passages (valid under `cli check`), and the tags' labels.
 */
export function writeCorpus(
  outDir: string,
  paragraphs: Iterable<{ text: string; firstSentence: string }>,
): { articles: number; claims: number; passages: number; sample: string[] } {
  mkdirSync(join(outDir, "articles"), { recursive: true });
  mkdirSync(join(outDir, "claims"), { recursive: true });
  writeFileSync(join(outDir, "tags.yaml"), "synthetic: {de: Synthetisch, en: Synthetic}\n");
  const sample: string[] = [];
  let body: string[] = [];
  let claims: string[] = [];
  let written = 0;
  let claimCount = 0;
  let article = 0;
  const flush = () => {
    if (body.length === 0) return;
    const id = `synthetisch-${String(article).padStart(6, "0")}`;
    writeFileSync(
      join(outDir, "articles", `${id}.md`),
      `---\ntitle: Synthetischer Artikel ${article}\ndate: "2025"\nlanguage: de\n---\n\n${body.join("\n\n")}\n`,
    );
    if (claims.length > 0)
      writeFileSync(join(outDir, "claims", `${id}.yaml`), `${claims.join("\n")}\n`);
    body = [];
    claims = [];
  };
  for (const { text, firstSentence } of paragraphs) {
    if (body.length === 0) article++;
    const p = body.length;
    body.push(text);
    if (written % 97 === 0) sample.push(text);
    if (written % CLAIM_EVERY === 0) {
      const answer = (firstSentence.match(/\p{Lu}\p{Ll}{3,}/gu) ?? []).find(
        (w) => !looksGerman(w) && !DISTRACTORS.includes(w),
      );
      if (answer && firstSentence.length >= 20 && firstSentence.length <= 600) {
        claimCount++;
        claims.push(
          [
            `- id: claim-${article}-${p}`,
            `  quote: ${JSON.stringify(firstSentence)}`,
            "  question:",
            `    de: ${JSON.stringify(`Welches Wort nennt Satz ${article}-${p}?`)}`,
            `    en: ${JSON.stringify(`Which word does sentence ${article}-${p} name?`)}`,
            `  answer: [${JSON.stringify(answer)}]`,
            "  type: organisation",
            "  statement:",
            `    de: ${JSON.stringify(`Im Satz steht ${answer}.`)}`,
            `    en: ${JSON.stringify(`The sentence mentions ${answer}.`)}`,
            `  distractors: ${JSON.stringify(DISTRACTORS)}`,
            "  tags: [synthetic]",
          ].join("\n"),
        );
      }
    }
    written++;
    if (body.length === PASSAGES_PER_ARTICLE) flush();
  }
  flush();
  return { articles: article, claims: claimCount, passages: written, sample };
}

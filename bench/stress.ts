import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Random } from "../src/quiz/random.ts";
import { type SyntheticCorpus, writeCorpus } from "./corpus-files.ts";

/**
 * The stress corpus: text from a word-bigram chain trained on the five real articles, so almost
 * its whole vocabulary (about 2,000 words plus compounds of their nouns, numbers and names) sits
 * in thousands of passages. Unlike real text, every query word is common: the worst case for
 * posting lists. Same seed, same corpus.
 */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}.’'-]*|[.,;:!?–„“»«()]/gu;

function realText(corpusDir: string): string[] {
  const dir = join(corpusDir, "articles");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .flatMap((f) => {
      const body = readFileSync(join(dir, f), "utf8").split(/^---$/m)[2] ?? "";
      return body.split(/\n\s*\n/).filter((p) => !p.startsWith("#") && p.trim().length > 80);
    });
}

function join2(tokens: string[]): string {
  return tokens
    .join(" ")
    .replace(/ ([.,;:!?“«)])/g, "$1")
    .replace(/([„»(]) /g, "$1");
}

export function generateStressCorpus(
  corpusDir: string,
  outDir: string,
  passages: number,
  seed = 7,
): SyntheticCorpus {
  const random = new Random(seed);
  const real = realText(corpusDir);
  const next = new Map<string, string[]>();
  const words: string[] = [];
  for (const p of real) {
    const tokens = ["^", ...(p.match(TOKEN) ?? [])];
    tokens.forEach((tok, i) => {
      const following = tokens[i + 1];
      if (following === undefined) return;
      const list = next.get(tok);
      if (list) list.push(following);
      else next.set(tok, [following]);
      if (/^\p{L}{3,}$/u.test(tok)) words.push(tok);
    });
  }
  const nouns = [...new Set(words.filter((w) => /^\p{Lu}\p{Ll}{3,}$/u.test(w)))].sort();
  const names = [
    "Musk",
    "Bezos",
    "Zuckerberg",
    "Thiel",
    "Vance",
    "Trump",
    "Pichai",
    "Altman",
    "Kuiper",
    "Starlink",
  ];
  // A vocabulary that grows with the corpus (Heaps' law), as real text does: rare compounds.
  const compounds: string[] = [];
  for (let i = 0; i < Math.max(400, Math.floor(passages / 2)); i++) {
    const a = random.pick(nouns);
    const b = random.pick(nouns).toLowerCase();
    compounds.push(`${a}${b}`);
  }

  const sentence = (): string => {
    const out: string[] = [];
    let tok = "^";
    for (let i = 0; i < 40; i++) {
      const options = next.get(tok);
      if (!options) break;
      tok = random.pick(options);
      if (tok === "^") break;
      const roll = random.int(0, 99);
      if (roll < 10 && /^\p{Lu}/u.test(tok)) out.push(random.pick(compounds));
      else if (roll < 5)
        out.push(String(random.int(2, 250_000)).replace(/\B(?=(\d{3})+(?!\d))/g, "."));
      else if (roll < 6) out.push(random.pick(names));
      else out.push(tok);
      if (tok === "." || tok === "?" || tok === "!") break;
    }
    const text = join2(out).trim();
    return /[.!?]$/.test(text) ? text : `${text}.`;
  };

  const tokens = { count: 0, types: new Set<string>() };
  function* paragraphs() {
    for (let written = 0; written < passages; written++) {
      const sentences: string[] = [];
      while (sentences.join(" ").length < 350) sentences.push(sentence());
      const text = sentences.join(" ").slice(0, 1100);
      const paragraph = text.includes(". ") ? text.slice(0, text.lastIndexOf(".") + 1) : text;
      for (const w of paragraph.match(/[\p{L}\p{N}]+/gu) ?? []) {
        tokens.count++;
        tokens.types.add(w.toLowerCase());
      }
      yield { text: paragraph, firstSentence: sentences[0] as string };
    }
  }
  return {
    name: "stress",
    dir: outDir,
    // Writing drains the generator, so the counts below are read once the text is complete.
    ...writeCorpus(outDir, paragraphs()),
    types: tokens.types.size,
    tokens: tokens.count,
    nouns,
    compounds,
  };
}

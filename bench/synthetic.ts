import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Random } from "../src/quiz/random.ts";

/**
 * A deterministic synthetic German corpus: text from a word-bigram chain trained on the real
 * articles, with compounds made of their nouns, numbers and names mixed in. Same seed, same
 * corpus. Each article gets a claims file, so the claim source is part of what is measured.
 */
export interface SyntheticCorpus {
  readonly dir: string;
  readonly passages: number;
  readonly articles: number;
  readonly claims: number;
  /** Words and compounds that occur, for building queries. */
  readonly nouns: readonly string[];
  readonly compounds: readonly string[];
  readonly sample: readonly string[];
}

const PASSAGES_PER_ARTICLE = 20;
const CLAIM_EVERY = 50;
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

export function generateCorpus(
  corpusDir: string,
  outDir: string,
  passages: number,
  seed = 7,
): SyntheticCorpus {
  const random = new Random(seed);
  const paragraphs = realText(corpusDir);
  const next = new Map<string, string[]>();
  const words: string[] = [];
  for (const p of paragraphs) {
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

  mkdirSync(join(outDir, "articles"), { recursive: true });
  mkdirSync(join(outDir, "claims"), { recursive: true });
  const sample: string[] = [];
  let written = 0;
  let claimCount = 0;
  let article = 0;
  while (written < passages) {
    article++;
    const id = `synthetisch-${String(article).padStart(5, "0")}`;
    const count = Math.min(PASSAGES_PER_ARTICLE, passages - written);
    const body: string[] = [];
    const claims: string[] = [];
    for (let p = 0; p < count; p++) {
      const sentences: string[] = [];
      while (sentences.join(" ").length < 350) sentences.push(sentence());
      const text = sentences.join(" ").slice(0, 1100);
      const paragraph = text.includes(". ") ? text.slice(0, text.lastIndexOf(".") + 1) : text;
      body.push(paragraph);
      if (written % 97 === 0) sample.push(paragraph);
      if (written % CLAIM_EVERY === 0) {
        const quote = sentences[0] as string;
        const answer = (quote.match(/\p{Lu}\p{Ll}{3,}/u) ?? [])[0];
        if (answer && quote.length >= 20 && quote.length <= 600 && paragraph.includes(quote)) {
          claimCount++;
          claims.push(
            [
              `- id: claim-${article}-${p}`,
              `  quote: ${JSON.stringify(quote)}`,
              "  question:",
              `    de: ${JSON.stringify(`Welches Wort steht in diesem Satz über ${answer}?`)}`,
              `    en: ${JSON.stringify(`Which word appears in this sentence about ${answer}?`)}`,
              `  answer: [${JSON.stringify(answer)}]`,
              "  type: term",
              "  statement:",
              `    de: ${JSON.stringify(`Im Satz steht ${answer}.`)}`,
              `    en: ${JSON.stringify(`The sentence mentions ${answer}.`)}`,
              `  distractors: ["Platzhalter", "Beispiel", "Ersatzwort"]`,
              "  tags: [synthetic]",
            ].join("\n"),
          );
        }
      }
      written++;
    }
    writeFileSync(
      join(outDir, "articles", `${id}.md`),
      `---\ntitle: Synthetischer Artikel ${article}\ndate: "2025"\nlanguage: de\n---\n\n${body.join("\n\n")}\n`,
    );
    if (claims.length > 0)
      writeFileSync(join(outDir, "claims", `${id}.yaml`), `${claims.join("\n")}\n`);
  }
  return {
    dir: outDir,
    passages: written,
    articles: article,
    claims: claimCount,
    nouns,
    compounds,
    sample,
  };
}

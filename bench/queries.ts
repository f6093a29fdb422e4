import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { Random } from "../src/quiz/random.ts";
import type { SyntheticCorpus } from "./corpus-files.ts";

export interface BenchQuery {
  readonly kind: "keywords" | "question" | "compound" | "misspelling" | "english";
  readonly text: string;
}

const QUESTION_FORMS = [
  (a: string, b: string) => `Was sagt der Text über ${a} und ${b}?`,
  (a: string, b: string) => `Wer hat ${a} im Zusammenhang mit ${b} erwähnt?`,
  (a: string, b: string) => `Warum spielt ${a} bei ${b} eine Rolle?`,
  (a: string, b: string) => `Wie hängen ${a} und ${b} zusammen?`,
];

function misspell(word: string, random: Random): string {
  if (word.length < 5) return word;
  const i = random.int(1, word.length - 3);
  return word.slice(0, i) + (word[i + 1] as string) + (word[i] as string) + word.slice(i + 2);
}

/** A fixed mix of queries: keywords, questions, compound parts, misspellings and English. */
export function buildQueries(
  corpus: SyntheticCorpus,
  repoTestDir: string,
  count: number,
  seed = 11,
): BenchQuery[] {
  const random = new Random(seed);
  const words = (text: string) =>
    (text.match(/\p{L}{4,}/gu) ?? []).filter((w) => /^\p{Lu}/u.test(w));
  const english = (
    parse(readFileSync(join(repoTestDir, "retrieval", "english.yaml"), "utf8")) as {
      query: string;
    }[]
  ).map((q) => q.query);
  const queries: BenchQuery[] = [];
  const kinds: BenchQuery["kind"][] = [
    "keywords",
    "question",
    "compound",
    "misspelling",
    "english",
  ];
  for (let i = 0; queries.length < count; i++) {
    const kind = kinds[i % kinds.length] as BenchQuery["kind"];
    const passage = random.pick(corpus.sample);
    const ws = words(passage);
    const a = ws.length > 0 ? random.pick(ws) : random.pick(corpus.nouns);
    const b = ws.length > 0 ? random.pick(ws) : random.pick(corpus.nouns);
    const c = ws.length > 0 ? random.pick(ws) : random.pick(corpus.nouns);
    switch (kind) {
      case "keywords":
        queries.push({ kind, text: `${a} ${b} ${c}` });
        break;
      case "question":
        queries.push({ kind, text: random.pick(QUESTION_FORMS)(a, b) });
        break;
      case "compound": {
        const compound = random.pick(corpus.compounds);
        const head = compound.slice(Math.max(4, Math.floor(compound.length / 2)));
        queries.push({ kind, text: `${head[0]?.toUpperCase()}${head.slice(1)} ${a}` });
        break;
      }
      case "misspelling":
        queries.push({ kind, text: `${misspell(a, random)} ${b}` });
        break;
      case "english":
        queries.push({ kind, text: random.pick(english) });
        break;
    }
  }
  return queries;
}

import { foldWhitespace, locateQuote } from "../src/corpus/quote-search.ts";
import { segmentBody } from "../src/corpus/segment.ts";
import { analyseLibraryJob } from "../src/library/analysis.ts";
import { placeClaims, type StoredClaim } from "../src/library/claim-placing.ts";
import { DEFAULT_JOB_BUDGET, LibraryJobs } from "../src/library/jobs.ts";

/**
 * The library's worst cases of issue 26, each at 30 kB and 300 kB (linear work grows tenfold):
 * a one-paragraph "Ab. Ab. …" article cut into passages, forty quotes that almost match, 500
 * claims placed on one article, a whole upload analysed in a worker and in this thread, and a
 * full library packed for export.
 * `node --import tsx bench/library-jobs.ts`
 */
const ms = (start: number) => `${Math.round(performance.now() - start)} ms`;
const GUILD = "100000000000000001";
const sentence = (i: number) => `Die Station ${i} baut die Firma Werk${i} aus Bremen.`;

async function main() {
  for (const kb of [30, 300]) {
    const words = (kb * 1000) / 4;
    let start = performance.now();
    segmentBody("Ab. ".repeat(words).trim());
    console.log(`${kb} kB one paragraph "Ab. Ab. …" cut into passages: ${ms(start)}`);

    start = performance.now();
    const article = foldWhitespace("Ab ".repeat((kb * 1000) / 3));
    for (let i = 0; i < 40; i++) locateQuote(article, `${"Ab ".repeat(300 - i)}Ax`);
    console.log(`${kb} kB article, 40 near-miss quotes: ${ms(start)}`);

    const count = Math.floor((kb * 1000) / 53);
    const body = Array.from({ length: count }, (_, i) => sentence(i)).join(" ");
    const claims: StoredClaim[] = Array.from({ length: 500 }, (_, n) => {
      const i = Math.floor((n * count) / 500);
      return {
        guildId: GUILD,
        slug: `werk-${i}`,
        articleId: `g${GUILD}-ab`,
        claim: {
          id: `werk-${i}`,
          quote: sentence(i),
          question: { de: `Welche Firma baut die Station ${i}?` },
          answer: [`Werk${i}`],
          type: "organisation",
        },
      };
    });
    start = performance.now();
    placeClaims(claims, new Map([[`g${GUILD}-ab`, { body }]]));
    console.log(`${kb} kB article, 500 claims placed: ${ms(start)}`);

    const job = {
      kind: "article" as const,
      guildId: GUILD,
      approved: { claims, articles: new Map([[`g${GUILD}-ab`, { body }]]) },
      upload: { filename: "ab.md", text: body },
      title: "Ab",
      now: Date.now(),
    };
    start = performance.now();
    await analyseLibraryJob(job, async () => new Map());
    console.log(`${kb} kB upload with 500 claims, analysed in this thread: ${ms(start)}`);
    const jobs = new LibraryJobs(DEFAULT_JOB_BUDGET);
    start = performance.now();
    await jobs.analyse(job, async () => new Map());
    console.log(`${kb} kB upload with 500 claims, in a worker (with its start): ${ms(start)}`);
  }
  const articles = Array.from({ length: 30 }, (_, i) => ({
    path: `articles/a${i}.md`,
    text: Array.from({ length: 5500 }, (_, j) => sentence(i * 5500 + j)).join(" "),
  }));
  const start = performance.now();
  await analyseLibraryJob({ kind: "export", articles, claimFiles: [] }, async () => new Map());
  console.log(`export of 30 articles of 290 kB packed (now in a worker): ${ms(start)}`);
}

await main();

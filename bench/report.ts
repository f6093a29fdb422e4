import type { AnswerFigures, PostgresAnswerFigures } from "./answers.ts";
import type { CorpusFigures } from "./measure-corpus.ts";
import { HEAPS } from "./realistic.ts";

const ENGINE_NAMES = {
  beleg: "Beleg /cite",
  "beleg-unchecked": "Beleg /cite without verdicts",
  fts: "raw FTS5, stemmed column",
  minisearch: "MiniSearch, same tokenizer+stemmer",
} as const;

const f = (n: number) => n.toFixed(2).padStart(7);
const n = (x: number) => x.toLocaleString("en");

const notStored = (count: number) => (count > 0 ? ` (${count} not stored)` : "");

/** The answer figures of one back end: throughput, what was stored, the burst, worker memory. */
function answerLines(title: string, where: string, a: AnswerFigures): string[] {
  return [
    `**${title}** (QuizService.answer): ${n(a.oneProcessPerSecond)}/s in one process, ${n(a.fourProcessesPerSecond)}/s with four processes on ${where} sharing their players, ${n(a.fourProcessesOwnPlayersPerSecond)}/s with four processes each with its own players, counted from all four ready (${n(a.fourProcessesIncludingStartPerSecond)}/s and ${n(a.fourProcessesOwnPlayersIncludingStartPerSecond)}/s counted from their start) (${n(a.stored)}/${n(a.sent)} stored, ${a.lost} lost, of them ${n(a.sent - a.recorded)} answered "not stored"; ${a.scoreMismatches} score mismatches)`,
    `- a burst of simultaneous clicks, click to acknowledgement: p50 ${a.burstP50Ms} ms, p95 ${a.burstP95Ms} ms with group commit${notStored(a.burstNotStored)}; p50 ${a.burstWithoutGroupCommitP50Ms} ms, p95 ${a.burstWithoutGroupCommitP95Ms} ms with a transaction per answer${notStored(a.burstWithoutGroupCommitNotStored)}`,
    `- resident memory of an answer worker at its end: ${a.workerRssMiB} MiB (one process), at most ${a.fourWorkersMaxRssMiB} MiB (four processes)`,
    "",
  ];
}

/** The benchmark's figures as Markdown tables, for a terminal and for the README. */
export function textReport(result: {
  machine: { cpus: number; cpu: string; memoryGiB: number; node: string };
  corpora: readonly CorpusFigures[];
  answers?: AnswerFigures;
  answersPostgres?: PostgresAnswerFigures;
  targets: Record<string, boolean>;
}): string {
  const { machine } = result;
  const lines = [
    `machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}`,
    "",
  ];
  for (const c of result.corpora) {
    lines.push(
      `**${c.name}**: ${n(c.passages)} passages (${n(c.articles)} articles, ${n(c.claims)} claims, ${n(c.tokens)} words, ${n(c.types)} distinct${c.name === "realistic" ? `; Heaps' law: ${n(Math.round(HEAPS.K * c.tokens ** HEAPS.beta))}` : ""}), ${c.queries} queries run ${n(c.runs)} times`,
      "",
      "| search | p50 ms | p95 ms | p99 ms | RSS idle MiB | RSS after MiB | heap +MiB |",
      "|---|---:|---:|---:|---:|---:|---:|",
      ...c.search.map(
        (s) =>
          `| ${ENGINE_NAMES[s.engine]} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${s.rssIdleMiB} | ${s.rssAfterMiB} | ${s.heapDeltaMiB} |`,
      ),
      "",
      `- indexing from empty: ${n(c.indexing.passagesPerSecond)} passages/s (${n(c.indexing.ms)} ms)`,
      `- start with the corpus unchanged: ${c.start.unchangedMs} ms; first query then ${c.start.firstQueryMs} ms`,
      "",
    );
  }
  if (result.answers) lines.push(...answerLines("answers", "one file", result.answers));
  const pg = result.answersPostgres;
  if (pg)
    lines.push(
      ...answerLines(
        `answers on PostgreSQL (${pg.server === "given" ? "the given server" : "a throwaway cluster"}, fsync ${pg.fsync})`,
        "one database",
        pg,
      ),
    );
  lines.push(
    "targets:",
    ...Object.entries(result.targets).map(([k, v]) => `  ${v ? "met   " : "MISSED"} ${k}`),
  );
  return `${lines.join("\n")}\n`;
}

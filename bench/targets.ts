import type { AnswerFigures } from "./answers.ts";
import type { CorpusFigures, Engine, SearchFigures } from "./measure-corpus.ts";

/** The goals of the benchmark (issue 14), met or not in this run. */
export function targetsOf(
  corpora: readonly CorpusFigures[],
  answers: AnswerFigures | undefined,
  answersPostgres?: AnswerFigures,
): Record<string, boolean> {
  const targets: Record<string, boolean> = {};
  for (const c of corpora) {
    const of = (engine: Engine) => c.search.find((s) => s.engine === engine) as SearchFigures;
    const [beleg, fts, mini] = [of("beleg"), of("fts"), of("minisearch")];
    const at = `${c.name}.${c.passages}`;
    targets[`${at}.citeP95Within2xFts`] = beleg.p95 <= 2 * fts.p95;
    if (c.passages >= 10_000) targets[`${at}.citeFasterThanMiniSearchAtP95`] = beleg.p95 < mini.p95;
    else targets[`${at}.citeP95Within2xMiniSearch`] = beleg.p95 <= 2 * mini.p95;
    if (c.name === "realistic" && c.passages >= 100_000)
      targets[`${at}.citeP95Under20ms`] = beleg.p95 <= 20;
    // Issue 21: the verdict adds at most 20 % to /cite's p95.
    targets[`${at}.verdictWithin20Percent`] = beleg.p95 <= 1.2 * of("beleg-unchecked").p95;
    targets[`${at}.lessMemoryThanMiniSearch`] = beleg.rssAfterMiB < mini.rssAfterMiB;
    if (c.passages >= 100_000) {
      targets[`${at}.indexing20kPerSecond`] = c.indexing.passagesPerSecond >= 20_000;
      targets[`${at}.firstQueryUnder50ms`] = c.start.firstQueryMs <= 50;
    }
  }
  if (answers) {
    targets["answers.oneProcess10kPerSecond"] = answers.oneProcessPerSecond >= 10_000;
    targets["answers.fourProcesses10kPerSecond"] = answers.fourProcessesPerSecond >= 10_000;
    targets["answers.fourProcessesOwnPlayers10kPerSecond"] =
      answers.fourProcessesOwnPlayersPerSecond >= 10_000;
    targets["answers.noneLost"] = answers.lost === 0 && answers.scoreMismatches === 0;
  }
  // Issue 23: the same answers on PostgreSQL, and a burst acknowledged within half a second.
  if (answersPostgres) {
    const pg = answersPostgres;
    targets["answersPostgres.oneProcess10kPerSecond"] = pg.oneProcessPerSecond >= 10_000;
    targets["answersPostgres.fourProcesses10kPerSecond"] = pg.fourProcessesPerSecond >= 10_000;
    targets["answersPostgres.fourProcessesOwnPlayers10kPerSecond"] =
      pg.fourProcessesOwnPlayersPerSecond >= 10_000;
    targets["answersPostgres.noneLost"] = pg.lost === 0;
    targets["answersPostgres.noScoreMismatch"] = pg.scoreMismatches === 0;
    targets["answersPostgres.burstP95Under500ms"] = pg.burstP95Ms <= 500 && pg.burstNotStored === 0;
  }
  return targets;
}

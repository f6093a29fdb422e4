import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type AnswerFigures, measureAnswers, type PostgresAnswerFigures } from "./answers.ts";
import type { SyntheticCorpus } from "./corpus-files.ts";
import { type CorpusFigures, measureCorpus } from "./measure-corpus.ts";
import { measurePictures, picturesReport } from "./pictures.ts";
import { benchDatabase } from "./postgres-server.ts";
import { generateRealisticCorpus } from "./realistic.ts";
import { textReport } from "./report.ts";
import { generateStressCorpus } from "./stress.ts";
import { targetsOf } from "./targets.ts";
import { ROOT } from "./workers.ts";

const GENERATORS = {
  realistic: generateRealisticCorpus,
  stress: generateStressCorpus,
} as const satisfies Record<SyntheticCorpus["name"], unknown>;

/** How often `--pictures` draws each picture. */
const PICTURE_RUNS = 200;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      passages: { type: "string", default: "100000" },
      corpus: { type: "string", default: "both" },
      runs: { type: "string", default: "10000" },
      users: { type: "string", default: "500" },
      clicks: { type: "string", default: "1000" },
      answers: { type: "boolean", default: true },
      store: { type: "string", default: "sqlite" },
      "pg-url": { type: "string" },
      json: { type: "boolean", default: false },
      pictures: { type: "boolean", default: false },
    },
    allowNegative: true,
  });
  const passages = Number(values.passages);
  const names =
    values.corpus === "both"
      ? (["realistic", "stress"] as const)
      : [values.corpus as SyntheticCorpus["name"]];
  const onPostgres = values.store === "postgres";
  if (
    !Number.isInteger(passages) ||
    passages < 100 ||
    names.some((n) => !(n in GENERATORS)) ||
    !["sqlite", "postgres"].includes(values.store)
  ) {
    process.stderr.write(
      "usage: npm run bench -- [--passages N] [--corpus realistic|stress|both] [--runs N] [--no-answers] [--store sqlite|postgres] [--pg-url postgres://127.0.0.1/…] [--json]\n       npm run bench -- --pictures [--json]\n",
    );
    process.exitCode = 2;
    return;
  }
  if (values.pictures) {
    // Pictures only: each surface drawn PICTURE_RUNS times for 10 players.
    const figures = await measurePictures(PICTURE_RUNS);
    process.stdout.write(
      values.json ? `${JSON.stringify({ pictures: figures })}\n` : picturesReport(figures),
    );
    return;
  }
  const log = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };
  const work = mkdtempSync(join(tmpdir(), "beleg-bench-"));
  try {
    const corpora: CorpusFigures[] = [];
    for (const name of names) {
      log(`${name}: generating ${passages} passages …`);
      const corpus = GENERATORS[name](join(ROOT, "corpus"), join(work, name), passages);
      corpora.push(await measureCorpus(corpus, work, Number(values.runs), log));
    }
    let answers: AnswerFigures | undefined;
    if (values.answers) {
      log("answers: one process, four processes, a burst of clicks …");
      answers = await measureAnswers(work, Number(values.users), Number(values.clicks));
    }
    let answersPostgres: PostgresAnswerFigures | undefined;
    if (values.answers && onPostgres) {
      // A server named by --pg-url (or DATABASE_URL), else a throwaway cluster with fsync on.
      const database = await benchDatabase(
        values["pg-url"] ?? (process.env.DATABASE_URL || undefined),
      );
      log(`answers on PostgreSQL (${database.server} server, fsync ${database.fsync}) …`);
      try {
        answersPostgres = {
          ...(await measureAnswers(work, Number(values.users), Number(values.clicks), {
            store: "postgres",
            url: database.url,
          })),
          server: database.server,
          fsync: database.fsync,
        };
      } finally {
        await database.close();
      }
    }
    const result = {
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? "?",
        memoryGiB: Math.round(totalmem() / 1024 ** 3),
        node: process.version,
      },
      corpora,
      ...(answers ? { answers } : {}),
      ...(answersPostgres ? { answersPostgres } : {}),
      targets: targetsOf(corpora, answers, answersPostgres),
    };
    process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : textReport(result));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

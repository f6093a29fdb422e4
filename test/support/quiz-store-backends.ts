import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase } from "../../src/db/client.ts";
import { openPostgres, type Postgres } from "../../src/db/pg/client.ts";
import { pgQuizStores } from "../../src/db/pg/quiz-stores.ts";
import { sqliteQuizStores } from "../../src/db/sqlite/quiz-stores.ts";
import { WriteQueue } from "../../src/db/write-queue.ts";
import type {
  CreatedRound,
  NewRound,
  OwnerIdentity,
  QuizStores,
  RoundFence,
} from "../../src/quiz/stores.ts";
import type { Question } from "../../src/quiz/types.ts";
import { PG_SKIP_REASON, pgTestDatabase, type TestDatabase } from "./pg-cluster.ts";

/** Fresh, empty quiz stores on one back end, and how to close them. */
export interface QuizStoresUnderTest {
  readonly stores: QuizStores;
  close(): Promise<void>;
  /** Stores of a second process on the same database, with connections of their own. */
  second(): Promise<QuizStoresUnderTest>;
}

/** A back end the quiz store contract runs on: its name and a factory of fresh stores. */
export interface QuizStoreBackend {
  readonly name: string;
  /** Why this back end cannot run here (its suite is skipped, naming the reason). */
  readonly skipReason?: string | undefined;
  open(): Promise<QuizStoresUnderTest>;
  /** Releases what the back end keeps between tests (after the file's last test). */
  dispose?(): Promise<void>;
}

/** SQLite: a temp file with the real migrations, writes through the write queue. */
const sqlite: QuizStoreBackend = {
  name: "sqlite",
  async open() {
    const dir = mkdtempSync(join(tmpdir(), "beleg-stores-"));
    const onFile = (): QuizStoresUnderTest => {
      const connections = openDatabase(join(dir, "beleg.sqlite"));
      const writes = new WriteQueue(connections.writer);
      return {
        stores: sqliteQuizStores(connections.reader, writes),
        async close() {
          await writes.drained();
          connections.close();
        },
        second: async () => onFile(),
      };
    };
    const first = onFile();
    return {
      ...first,
      async close() {
        await first.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** The quiz tables, emptied between tests (a fresh database per file, not per test: 0.3 s each). */
const QUIZ_TABLES =
  "owners, rounds, round_questions, answers, scores, reports, review_cards, daily_schedules, daily_posts";

let database: Promise<{ databases: TestDatabase[]; postgres: Postgres; url: string }> | undefined;

/**
 * A database beside `url`'s that sorts text as an English locale does ("a" < "B"), as a
 * cluster made on a usual server locale does, unlike the test clusters' byte order: ordering by
 * text then differs from SQLite's unless a store says otherwise. Undefined where the server has
 * no ICU.
 */
async function englishCollatedDatabase(url: string): Promise<TestDatabase | undefined> {
  const name = `${new URL(url).pathname.slice(1)}_en`;
  const onServer = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  try {
    await onServer(
      `CREATE DATABASE ${name} LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8' TEMPLATE template0`,
    );
  } catch {
    return undefined;
  }
  const english = new URL(url);
  english.pathname = `/${name}`;
  return {
    url: english.toString(),
    close: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

const PG_OPTIONS = { poolSize: 6, statementTimeoutMs: 2_000, connectTimeoutMs: 2_000 };

/**
 * PostgreSQL: one fresh database per test file (BELEG_TEST_PG_URL's server or a throwaway
 * cluster, see pg-cluster.ts), English-collated where the server can, migrated by openPostgres,
 * its quiz tables emptied before each test.
 */
const postgres: QuizStoreBackend = {
  name: "postgres",
  skipReason: PG_SKIP_REASON,
  async open() {
    database ??= (async () => {
      const fresh = await pgTestDatabase();
      const english = await englishCollatedDatabase(fresh.url);
      const url = (english ?? fresh).url;
      const postgres = await openPostgres(url, PG_OPTIONS);
      return { databases: english ? [english, fresh] : [fresh], postgres, url };
    })();
    const { postgres, url } = await database;
    await postgres.pool.query(`TRUNCATE ${QUIZ_TABLES} RESTART IDENTITY CASCADE`);
    const stores = pgQuizStores(postgres);
    const second = async (): Promise<QuizStoresUnderTest> => {
      const other = await openPostgres(url, PG_OPTIONS);
      const stores = pgQuizStores(other);
      return {
        stores,
        async close() {
          await stores.drained();
          await other.close();
        },
        second,
      };
    };
    return { stores, close: () => stores.drained(), second };
  },
  async dispose() {
    if (!database) return;
    const opened = await database;
    database = undefined;
    await opened.postgres.close();
    for (const created of opened.databases) await created.close();
  },
};

/** Every back end the contract runs on. */
export const QUIZ_STORE_BACKENDS: readonly QuizStoreBackend[] = [sqlite, postgres];

/** A multiple-choice question on a claim (the stores never look the claim up). */
export function questionOn(claimId: string): Question {
  return {
    claimId,
    kind: "mc",
    lang: "de",
    prompt: `Frage zu ${claimId}?`,
    options: ["a", "b", "c", "d"],
    correctIndex: 0,
    citation: { articleId: "artikel", passageId: `${claimId}-p`, quote: "Beleg" },
  };
}

/** A round of one question per claim in guild g1, channel c1 (unless told otherwise). */
export function newRound(now: number, over: Partial<NewRound> = {}): NewRound {
  return {
    guildId: "g1",
    channelId: "c1",
    starterId: "starter",
    kind: "mc",
    lang: "de",
    seconds: 20,
    seed: 1,
    questions: ["k1", "k2", "k3"].map(questionOn),
    now,
    ...over,
  };
}

/** An owner on another host: alive while its heartbeat is under a minute old. */
export const elsewhere = (id: string): OwnerIdentity => ({ id, host: "elsewhere", pid: 1 });

export const T0 = 1_800_000_000_000;
export const HOUR = 60 * 60_000;
export const DAY = 24 * HOUR;
/** How long a posted question stays open in the contract's rounds. */
export const WINDOW_MS = 20_000;

/** A round that was stored, or the test fails with the reason it was refused. */
export function stored(created: CreatedRound) {
  if (!("roundId" in created)) throw new Error(`round refused: ${created.reason}`);
  return created;
}

/** A round of `owner` whose first question was posted at T0 (made through the stores). */
export async function postedRoundIn(
  stores: QuizStores,
  owner: OwnerIdentity,
  channelId: string,
  guildId: string,
) {
  const round = stored(
    await stores.rounds.create(newRound(T0, { channelId, guildId }), owner, () => false),
  );
  const fence: RoundFence = { roundId: round.roundId, ownerId: owner.id };
  const first = round.questionIds[0] ?? 0;
  if ((await stores.rounds.markPosted(fence, first, WINDOW_MS, () => T0)) !== T0)
    throw new Error("the first question was not posted");
  return { ...round, fence, first };
}

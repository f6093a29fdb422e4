import { config as loadDotenv } from "dotenv";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** Where Debian's packages openthesaurus-de-text and trans-de-en put the lexicons. */
export const DEBIAN_LEXICONS = {
  thesaurus: "/usr/share/openthesaurus-de/openthesaurus.txt",
  dictionary: "/usr/share/trans/de-en",
} as const;

/** Where Debian's packages wngerman and wamerican put their word lists. */
export const DEBIAN_WORD_LISTS = {
  german: "/usr/share/dict/ngerman",
  english: "/usr/share/dict/american-english",
} as const;

/** A whole number setting with bounds, read from its text. */
const boundedInt = (min: number, max: number, fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

const ConfigSchema = z.object({
  DISCORD_TOKEN: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
  DISCORD_GUILD_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{5,25}$/)
      .optional(),
  ),
  DISCORD_API_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  DATABASE_PATH: z.preprocess(emptyToUndefined, z.string().default("data/beleg.sqlite")),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
  ),
  SEARCH_INDEX_PATH: z.preprocess(emptyToUndefined, z.string().default("data/search-index.sqlite")),
  PG_POOL_SIZE: boundedInt(1, 200, 10),
  // A write (connection wait, statements, commit) must be answered within Discord's 3 s.
  PG_STATEMENT_TIMEOUT_MS: boundedInt(100, 2_500, 2_000),
  PG_CONNECT_TIMEOUT_MS: boundedInt(100, 2_500, 1_000),
  SHARD_COUNT: z.preprocess(
    emptyToUndefined,
    z.union([z.literal("auto"), z.coerce.number().int().min(1).max(100_000)]).optional(),
  ),
  // A comma list ("0,1"), or what discord.js's ShardingManager hands its processes ("0", "[0,1]").
  SHARDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((s) => s.replace(/[[\]\s]/g, ""))
      .pipe(z.string().regex(/^\d+(,\d+)*$/, "must be shard ids separated by commas, e.g. 0,1"))
      .transform((s) => [...new Set(s.split(",").map(Number))].sort((a, b) => a - b))
      .optional(),
  ),
  // Unset: one fewer than the cores (start:sharded divides that among this host's shards).
  LIBRARY_JOB_WORKERS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(64).optional(),
  ),
  CORPUS_DIR: z.preprocess(emptyToUndefined, z.string().default("corpus")),
  PICTURES_DIR: z.preprocess(emptyToUndefined, z.string().default("data/pictures")),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default("info")),
  THESAURUS_PATH: z.preprocess(emptyToUndefined, z.string().default(DEBIAN_LEXICONS.thesaurus)),
  DICTIONARY_PATH: z.preprocess(emptyToUndefined, z.string().default(DEBIAN_LEXICONS.dictionary)),
  GERMAN_WORDS_PATH: z.preprocess(emptyToUndefined, z.string().default(DEBIAN_WORD_LISTS.german)),
  ENGLISH_WORDS_PATH: z.preprocess(emptyToUndefined, z.string().default(DEBIAN_WORD_LISTS.english)),
});

/** The shared state on a PostgreSQL server (DATABASE_URL) instead of the SQLite file. */
export interface PostgresConfig {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  /** The local search index file: derived data, rebuilt from the corpus and the library rows. */
  searchIndexPath: string;
}

/** The gateway shards of the bot and which of them this process (or this host's manager) runs. */
export interface ShardingConfig {
  /** How many shards the whole bot has: a number, or Discord's recommendation (`auto`). */
  count: number | "auto";
  /** The shard ids run here; undefined: all of them. */
  ids: readonly number[] | undefined;
}

export interface Config {
  discordToken: string | undefined;
  discordGuildId: string | undefined;
  discordApiUrl: string | undefined;
  /** The SQLite file holding everything, when `postgres` is not set. */
  databasePath: string;
  /** Set by DATABASE_URL: the shared state lives on PostgreSQL. */
  postgres: PostgresConfig | undefined;
  /** Set by SHARD_COUNT (and SHARDS); undefined: one shard, as Discord gives a small bot. */
  sharding: ShardingConfig | undefined;
  /** Worker threads for library uploads and imports in this process; undefined: the default. */
  libraryJobWorkers: number | undefined;
  corpusDir: string;
  /** Where the local console saves the pictures it draws. */
  picturesDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** German thesaurus and German–English dictionary bridged through at ingest. */
  lexicons: { thesaurus: string; dictionary: string };
  /** German and English word lists: a word in them is not "corrected" into a corpus word. */
  wordLists: { german: string; english: string };
}

/** Reads the settings from the environment (and `.env`); the only place that touches process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, useDotenv = true): Config {
  if (useDotenv) loadDotenv({ quiet: true });
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid settings: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  return {
    discordToken: e.DISCORD_TOKEN,
    discordGuildId: e.DISCORD_GUILD_ID,
    discordApiUrl: e.DISCORD_API_URL,
    databasePath: e.DATABASE_PATH,
    postgres:
      e.DATABASE_URL === undefined
        ? undefined
        : {
            url: e.DATABASE_URL,
            poolSize: e.PG_POOL_SIZE,
            statementTimeoutMs: e.PG_STATEMENT_TIMEOUT_MS,
            connectTimeoutMs: e.PG_CONNECT_TIMEOUT_MS,
            searchIndexPath: e.SEARCH_INDEX_PATH,
          },
    sharding: shardingOf(e.SHARD_COUNT, e.SHARDS, e.DATABASE_URL !== undefined),
    libraryJobWorkers: e.LIBRARY_JOB_WORKERS,
    corpusDir: e.CORPUS_DIR,
    picturesDir: e.PICTURES_DIR,
    logLevel: e.LOG_LEVEL,
    lexicons: { thesaurus: e.THESAURUS_PATH, dictionary: e.DICTIONARY_PATH },
    wordLists: { german: e.GERMAN_WORDS_PATH, english: e.ENGLISH_WORDS_PATH },
  };
}

/**
 * SHARD_COUNT and SHARDS as one setting, refused when the hosts could not agree on it: every
 * process names the same count, and one that runs only some of the shards shares the state of
 * the others, which only PostgreSQL can (a SQLite file serves one process).
 */
function shardingOf(
  count: number | "auto" | undefined,
  ids: number[] | undefined,
  onPostgres: boolean,
): ShardingConfig | undefined {
  if (ids === undefined) return count === undefined ? undefined : { count, ids };
  if (count === undefined || count === "auto")
    throw new Error(
      "Invalid settings: SHARDS needs SHARD_COUNT=N, the shard count every host of the bot runs with",
    );
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0)
    throw new Error(
      `Invalid settings: SHARDS ${outside.join(",")} is not below SHARD_COUNT=${count} (ids start at 0)`,
    );
  if (ids.length < count && !onPostgres)
    throw new Error(
      `Invalid settings: SHARDS=${ids.join(",")} runs some of ${count} shards; the processes running the others must share this one's state, which needs DATABASE_URL (PostgreSQL): a SQLite file serves one process`,
    );
  return { count, ids };
}

/** The shard ids a process runs, for its log lines: undefined when it is not sharded. */
export function shardIdsOf(
  sharding: ShardingConfig | undefined,
): readonly number[] | "auto" | undefined {
  if (!sharding) return undefined;
  if (sharding.ids) return sharding.ids;
  return sharding.count === "auto" ? "auto" : Array.from({ length: sharding.count }, (_, i) => i);
}

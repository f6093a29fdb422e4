import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import type { Bilingual } from "../corpus/claim-types.ts";

/** One article of the corpus, as last indexed. */
export const articles = sqliteTable(
  "articles",
  {
    id: text("id").primaryKey(),
    /** The server whose library it is (library_articles); null for the shared corpus files. */
    guildId: text("guild_id"),
    path: text("path").notNull(),
    title: text("title"),
    publication: text("publication"),
    author: text("author"),
    date: text("date"),
    language: text("language").notNull(),
    url: text("url"),
    body: text("body").notNull(),
    contentHash: text("content_hash").notNull(),
    indexedAt: integer("indexed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("articles_guild_idx").on(t.guildId)],
);

/**
 * A citable piece of an article: about one paragraph, `id` is `<article>#<n>`. The integer `docid`
 * is the row the FTS5 index (migration 0001) points at.
 */
export const passages = sqliteTable(
  "passages",
  {
    docid: integer("docid").primaryKey(),
    id: text("id").notNull().unique(),
    articleId: text("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    paragraph: integer("paragraph").notNull(),
    isHeading: integer("is_heading", { mode: "boolean" }).notNull().default(false),
    start: integer("start").notNull(),
    end: integer("end").notNull(),
    text: text("text").notNull(),
    stems: text("stems").notNull(),
  },
  (t) => [
    index("passages_article_idx").on(t.articleId, t.seq),
    // Counting the searchable passages (IDF's N) reads this index, not 100,000 rows of text.
    index("passages_searchable_idx").on(t.docid).where(sql`${t.stems} <> ''`),
  ],
);

/** Small key/value facts about the index, such as the fingerprint of the last indexed corpus. */
export const indexMeta = sqliteTable("index_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** An annotated claim (corpus/claims/*.yaml), pointing at the passage that proves it. */
export const claims = sqliteTable(
  "claims",
  {
    docid: integer("docid").primaryKey(),
    id: text("id").notNull().unique(),
    articleId: text("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    /** The server whose library it is (library_claims); null for the shared claim files. */
    guildId: text("guild_id"),
    passageId: text("passage_id")
      .notNull()
      .references(() => passages.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    quote: text("quote").notNull(),
    quoteStart: integer("quote_start").notNull(),
    quoteEnd: integer("quote_end").notNull(),
    questionDe: text("question_de").notNull(),
    questionEn: text("question_en").notNull(),
    statementDe: text("statement_de").notNull(),
    statementEn: text("statement_en").notNull(),
    answers: text("answers", { mode: "json" }).$type<Bilingual[]>().notNull(),
    accept: text("accept", { mode: "json" }).$type<Bilingual[]>().notNull(),
    distractors: text("distractors", { mode: "json" }).$type<Bilingual[]>().notNull(),
    falseStatements: text("false_statements", { mode: "json" })
      .$type<Bilingual[]>()
      .notNull()
      .default(sql`'[]'`),
    notOffered: text("not_offered", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    borrow: integer("borrow", { mode: "boolean" }).notNull().default(true),
    /** The kinds of question the claim may be asked as; none: it serves the search only. */
    kinds: text("kinds", { mode: "json" })
      .$type<("mc" | "tf" | "typed")[]>()
      .notNull()
      .default(sql`'["mc","tf","typed"]'`),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
    stemsDe: text("stems_de").notNull(),
    stemsEn: text("stems_en").notNull(),
  },
  (t) => [index("claims_article_idx").on(t.articleId), index("claims_guild_idx").on(t.guildId)],
);

/**
 * A process that runs quiz rounds (a bot, the console). It renews `heartbeatAt` while it lives;
 * its rounds are recovered by others only once it is gone (see quiz/owners.ts).
 */
export const owners = sqliteTable("owners", {
  id: text("id").primaryKey(),
  host: text("host").notNull(),
  pid: integer("pid").notNull(),
  startedAt: integer("started_at").notNull(),
  heartbeatAt: integer("heartbeat_at").notNull(),
});

/** The labels of a topic (claim tag), from tags.yaml. */
export const topics = sqliteTable("topics", {
  slug: text("slug").primaryKey(),
  labelDe: text("label_de").notNull(),
  labelEn: text("label_en").notNull(),
});

/** A quiz round in one channel. At most one is running per channel (partial unique index). */
export const rounds = sqliteTable(
  "rounds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guildId: text("guild_id").notNull(),
    channelId: text("channel_id").notNull(),
    starterId: text("starter_id").notNull(),
    status: text("status", { enum: ["running", "finished", "stopped", "interrupted"] }).notNull(),
    /** The process running it (owners.id); null for rounds from before owners were kept. */
    ownerId: text("owner_id"),
    kind: text("kind", { enum: ["mc", "tf", "typed", "mixed"] }).notNull(),
    lang: text("lang", { enum: ["de", "en"] }).notNull(),
    seconds: integer("seconds").notNull(),
    seed: integer("seed").notNull(),
    article: text("article"),
    topic: text("topic"),
    startedAt: integer("started_at").notNull(),
    endedAt: integer("ended_at"),
  },
  (t) => [
    uniqueIndex("rounds_one_running_per_channel")
      .on(t.channelId)
      .where(sql`${t.status} = 'running'`),
    index("rounds_guild_idx").on(t.guildId, t.startedAt),
  ],
);

/** A question of a round, frozen as it was asked (claims may change later). */
export const roundQuestions = sqliteTable(
  "round_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    claimId: text("claim_id").notNull(),
    kind: text("kind", { enum: ["mc", "tf", "typed"] }).notNull(),
    prompt: text("prompt").notNull(),
    options: text("options", { mode: "json" }).$type<string[]>().notNull(),
    correctIndex: integer("correct_index").notNull(),
    passageId: text("passage_id").notNull(),
    quote: text("quote").notNull(),
    postedAt: integer("posted_at"),
    closesAt: integer("closes_at"),
    closedAt: integer("closed_at"),
  },
  (t) => [uniqueIndex("round_questions_position").on(t.roundId, t.position)],
);

/** One user's answer to one question; the database refuses a second one. */
export const answers = sqliteTable(
  "answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    questionId: integer("question_id")
      .notNull()
      .references(() => roundQuestions.id, { onDelete: "cascade" }),
    roundId: integer("round_id").notNull(),
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    /** The option chosen; for a typed answer 0 when it was right, -1 when not. */
    optionIndex: integer("option_index").notNull(),
    /** What was typed, for a typed question. */
    typedText: text("typed_text"),
    correct: integer("correct", { mode: "boolean" }).notNull(),
    points: integer("points").notNull(),
    streak: integer("streak").notNull(),
    responseMs: integer("response_ms").notNull(),
    answeredAt: integer("answered_at").notNull(),
  },
  (t) => [
    uniqueIndex("answers_one_per_user").on(t.questionId, t.userId),
    index("answers_round_user").on(t.roundId, t.userId),
    index("answers_guild_time").on(t.guildId, t.answeredAt),
  ],
);

/** Running totals per server and user, updated in the same transaction as each answer. */
export const scores = sqliteTable(
  "scores",
  {
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    points: integer("points").notNull().default(0),
    answered: integer("answered").notNull().default(0),
    correct: integer("correct").notNull().default(0),
    bestStreak: integer("best_streak").notNull().default(0),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.guildId, t.userId] }),
    index("scores_guild_points").on(t.guildId, t.points),
  ],
);

/**
 * A player's report that a question was wrong. Reports wait for a moderator; a claim reported by
 * several players of a server rests there (is not asked) until they are reviewed.
 */
export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    claimId: text("claim_id").notNull(),
    questionId: integer("question_id")
      .notNull()
      .references(() => roundQuestions.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    reportedAt: integer("reported_at").notNull(),
    reviewedAt: integer("reviewed_at"),
    reviewedBy: text("reviewed_by"),
  },
  (t) => [
    uniqueIndex("reports_one_per_user").on(t.questionId, t.userId),
    index("reports_open").on(t.guildId, t.claimId, t.reviewedAt),
  ],
);

/** Spaced-repetition state (FSRS) of one claim for one user. */
export const reviewCards = sqliteTable(
  "review_cards",
  {
    userId: text("user_id").notNull(),
    claimId: text("claim_id").notNull(),
    due: integer("due").notNull(),
    stability: real("stability").notNull(),
    difficulty: real("difficulty").notNull(),
    elapsedDays: integer("elapsed_days").notNull(),
    scheduledDays: integer("scheduled_days").notNull(),
    learningSteps: integer("learning_steps").notNull(),
    reps: integer("reps").notNull(),
    lapses: integer("lapses").notNull(),
    /** Wrong answers ever given: /review offers only claims the user has missed. */
    misses: integer("misses").notNull(),
    state: integer("state").notNull(),
    lastReview: integer("last_review"),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.claimId] }),
    index("review_cards_due").on(t.userId, t.due),
  ],
);

export * from "./daily-schema.ts";
export * from "./index-mirror-schema.ts";
export * from "./lexicon-schema.ts";
export * from "./library-schema.ts";

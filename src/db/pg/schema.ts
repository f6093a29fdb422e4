import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * The shared state on PostgreSQL: the same tables, columns and indexes as src/db/schema.ts and
 * src/db/library-schema.ts (test/db/pg-schema.test.ts fails when they drift apart). The search
 * index (articles, passages, claims, topics, lexicons) is not here: it stays a local SQLite file.
 * SQLite integers are 64-bit, PostgreSQL's `integer` is not: millisecond times, seeds and the
 * answer ids are `bigint` read as JS numbers; counts and positions stay `integer`.
 */

/** Millisecond times (Date.now()) and other values beyond 32 bits, read as numbers. */
const int64 = (name: string) => bigint(name, { mode: "number" });

/** A process that runs quiz rounds; see the SQLite `owners`. */
export const owners = pgTable("owners", {
  id: text("id").primaryKey(),
  host: text("host").notNull(),
  pid: integer("pid").notNull(),
  startedAt: int64("started_at").notNull(),
  heartbeatAt: int64("heartbeat_at").notNull(),
});

/** A quiz round in one channel. At most one is running per channel (partial unique index). */
export const rounds = pgTable(
  "rounds",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    guildId: text("guild_id").notNull(),
    channelId: text("channel_id").notNull(),
    starterId: text("starter_id").notNull(),
    status: text("status", { enum: ["running", "finished", "stopped", "interrupted"] }).notNull(),
    ownerId: text("owner_id"),
    kind: text("kind", { enum: ["mc", "tf", "typed", "mixed"] }).notNull(),
    lang: text("lang", { enum: ["de", "en"] }).notNull(),
    seconds: integer("seconds").notNull(),
    seed: int64("seed").notNull(),
    article: text("article"),
    topic: text("topic"),
    startedAt: int64("started_at").notNull(),
    endedAt: int64("ended_at"),
  },
  (t) => [
    uniqueIndex("rounds_one_running_per_channel")
      .on(t.channelId)
      .where(sql`${t.status} = 'running'`),
    index("rounds_guild_idx").on(t.guildId, t.startedAt),
  ],
);

/** A question of a round, frozen as it was asked. */
export const roundQuestions = pgTable(
  "round_questions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    claimId: text("claim_id").notNull(),
    kind: text("kind", { enum: ["mc", "tf", "typed"] }).notNull(),
    prompt: text("prompt").notNull(),
    options: jsonb("options").$type<string[]>().notNull(),
    correctIndex: integer("correct_index").notNull(),
    passageId: text("passage_id").notNull(),
    quote: text("quote").notNull(),
    postedAt: int64("posted_at"),
    closesAt: int64("closes_at"),
    closedAt: int64("closed_at"),
  },
  (t) => [uniqueIndex("round_questions_position").on(t.roundId, t.position)],
);

/** One user's answer to one question; the database refuses a second one. */
export const answers = pgTable(
  "answers",
  {
    // The busiest table: 20,000 answers/s would pass 32 bits in about 30 hours.
    id: int64("id").primaryKey().generatedByDefaultAsIdentity(),
    questionId: integer("question_id")
      .notNull()
      .references(() => roundQuestions.id, { onDelete: "cascade" }),
    roundId: integer("round_id").notNull(),
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    optionIndex: integer("option_index").notNull(),
    typedText: text("typed_text"),
    correct: boolean("correct").notNull(),
    points: integer("points").notNull(),
    streak: integer("streak").notNull(),
    responseMs: integer("response_ms").notNull(),
    answeredAt: int64("answered_at").notNull(),
  },
  (t) => [
    uniqueIndex("answers_one_per_user").on(t.questionId, t.userId),
    index("answers_round_user").on(t.roundId, t.userId),
    index("answers_guild_time").on(t.guildId, t.answeredAt),
  ],
);

/** Running totals per server and user, updated in the same transaction as each answer. */
export const scores = pgTable(
  "scores",
  {
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    points: integer("points").notNull().default(0),
    answered: integer("answered").notNull().default(0),
    correct: integer("correct").notNull().default(0),
    bestStreak: integer("best_streak").notNull().default(0),
    updatedAt: int64("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.guildId, t.userId] }),
    index("scores_guild_points").on(t.guildId, t.points),
  ],
);

/** A player's report that a question was wrong, waiting for a moderator. */
export const reports = pgTable(
  "reports",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    guildId: text("guild_id").notNull(),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    claimId: text("claim_id").notNull(),
    questionId: integer("question_id")
      .notNull()
      .references(() => roundQuestions.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    reportedAt: int64("reported_at").notNull(),
    reviewedAt: int64("reviewed_at"),
    reviewedBy: text("reviewed_by"),
  },
  (t) => [
    uniqueIndex("reports_one_per_user").on(t.questionId, t.userId),
    index("reports_open").on(t.guildId, t.claimId, t.reviewedAt),
  ],
);

/** Spaced-repetition state (FSRS) of one claim for one user. */
export const reviewCards = pgTable(
  "review_cards",
  {
    userId: text("user_id").notNull(),
    claimId: text("claim_id").notNull(),
    due: int64("due").notNull(),
    stability: doublePrecision("stability").notNull(),
    difficulty: doublePrecision("difficulty").notNull(),
    elapsedDays: integer("elapsed_days").notNull(),
    scheduledDays: integer("scheduled_days").notNull(),
    learningSteps: integer("learning_steps").notNull(),
    reps: integer("reps").notNull(),
    lapses: integer("lapses").notNull(),
    misses: integer("misses").notNull(),
    state: integer("state").notNull(),
    lastReview: int64("last_review"),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.claimId] }),
    index("review_cards_due").on(t.userId, t.due),
  ],
);

/** An article a server added to its library: the source of truth for it. */
export const libraryArticles = pgTable(
  "library_articles",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    guildId: text("guild_id").notNull(),
    slug: text("slug").notNull(),
    source: text("source").notNull(),
    addedBy: text("added_by").notNull(),
    addedByName: text("added_by_name").notNull(),
    addedAt: int64("added_at").notNull(),
  },
  (t) => [uniqueIndex("library_articles_slug").on(t.guildId, t.slug)],
);

/** A quiz claim of a server: pending, approved or rejected. */
export const libraryClaims = pgTable(
  "library_claims",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    guildId: text("guild_id").notNull(),
    slug: text("slug").notNull(),
    articleId: text("article_id").notNull(),
    // json, not jsonb: the claim is given back with its keys in the order it was written in
    // (a library download writes them so); jsonb would reorder them.
    claim: json("claim").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "approved", "rejected"] }).notNull(),
    proposedBy: text("proposed_by").notNull(),
    proposedByName: text("proposed_by_name").notNull(),
    proposedAt: int64("proposed_at").notNull(),
    reviewedBy: text("reviewed_by"),
    reviewedByName: text("reviewed_by_name"),
    reviewedAt: int64("reviewed_at"),
  },
  (t) => [
    uniqueIndex("library_claims_slug").on(t.guildId, t.slug),
    index("library_claims_status").on(t.guildId, t.status, t.proposedAt),
    index("library_claims_proposer").on(t.proposedBy, t.proposedAt),
  ],
);

/** A shared article a server does not want: not cited, not asked there. */
export const libraryHidden = pgTable(
  "library_hidden",
  {
    guildId: text("guild_id").notNull(),
    articleId: text("article_id").notNull(),
    hiddenBy: text("hidden_by").notNull(),
    hiddenAt: int64("hidden_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.articleId] })],
);

/** A server's library settings: the role that may manage it besides Manage Server. */
export const librarySettings = pgTable("library_settings", {
  guildId: text("guild_id").primaryKey(),
  roleId: text("role_id"),
});

/** Who added, approved, rejected, hid or removed what in a server's library, and when. */
export const libraryEvents = pgTable(
  "library_events",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    guildId: text("guild_id").notNull(),
    at: int64("at").notNull(),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull(),
    action: text("action").notNull(),
    subject: text("subject").notNull(),
  },
  (t) => [index("library_events_guild").on(t.guildId, t.at)],
);

/**
 * Each server's library version: the number of the last change, from one counter over all
 * servers (the highest stored plus one, taken while the write holds this table's lock, so numbers
 * follow commits). A process that lost its LISTEN connection asks which servers passed the
 * version it last saw.
 */
export const libraryVersions = pgTable("library_versions", {
  guildId: text("guild_id").primaryKey(),
  version: int64("version").notNull(),
});
export * from "./daily-schema.ts";

import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { Question } from "../../quiz/types.ts";

/** Millisecond times, read as numbers (as in schema.ts). */
const int64 = (name: string) => bigint(name, { mode: "number" });

/** A server's question of the day; see the SQLite `daily_schedules`. */
export const dailySchedules = pgTable("daily_schedules", {
  guildId: text("guild_id").primaryKey(),
  channelId: text("channel_id").notNull(),
  time: text("time").notNull(),
  timeZone: text("time_zone").notNull(),
  kind: text("kind", { enum: ["mc", "tf", "typed", "mixed"] }).notNull(),
  hours: integer("hours").notNull(),
  lang: text("lang", { enum: ["de", "en"] }).notNull(),
  pausedReason: text("paused_reason", { enum: ["channel-gone", "no-permission"] }),
  pausedAt: int64("paused_at"),
  createdBy: text("created_by").notNull(),
  updatedAt: int64("updated_at").notNull(),
});

/** One day's question in one server; see the SQLite `daily_posts`. */
export const dailyPosts = pgTable(
  "daily_posts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    guildId: text("guild_id").notNull(),
    day: text("day").notNull(),
    channelId: text("channel_id").notNull(),
    lang: text("lang", { enum: ["de", "en"] }).notNull(),
    status: text("status", {
      enum: ["claimed", "posted", "revealing", "revealed", "missed"],
    }).notNull(),
    claimedBy: text("claimed_by").notNull(),
    claimedAt: int64("claimed_at").notNull(),
    opensAt: int64("opens_at").notNull(),
    closesAt: int64("closes_at").notNull(),
    roundId: integer("round_id").notNull(),
    questionId: integer("question_id").notNull(),
    claimId: text("claim_id").notNull(),
    question: jsonb("question").$type<Question>().notNull(),
    messageId: text("message_id"),
    revealMessageId: text("reveal_message_id"),
    postedAt: int64("posted_at"),
    revealedAt: int64("revealed_at"),
  },
  (t) => [
    uniqueIndex("daily_posts_one_per_day").on(t.guildId, t.day),
    index("daily_posts_status").on(t.status, t.closesAt),
    index("daily_posts_guild_time").on(t.guildId, t.opensAt),
  ],
);

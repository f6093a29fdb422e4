import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Question } from "../quiz/types.ts";

/**
 * A server's question of the day: where, when (local time in an IANA zone) and for how long.
 * `pausedReason` is set when the channel is gone or the bot may no longer post there.
 */
export const dailySchedules = sqliteTable("daily_schedules", {
  guildId: text("guild_id").primaryKey(),
  channelId: text("channel_id").notNull(),
  time: text("time").notNull(),
  timeZone: text("time_zone").notNull(),
  kind: text("kind", { enum: ["mc", "tf", "typed", "mixed"] }).notNull(),
  hours: integer("hours").notNull(),
  lang: text("lang", { enum: ["de", "en"] }).notNull(),
  pausedReason: text("paused_reason", { enum: ["channel-gone", "no-permission"] }),
  pausedAt: integer("paused_at"),
  createdBy: text("created_by").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * One day's question in one server: claimed in the database before it is posted (the unique
 * server and day is what makes it once), with its round and question rows and the message id.
 * `claimedBy` is the owner (process) that may post or reveal it; a claim whose owner is gone is
 * taken over. The question is kept whole so any process can grade a typed answer and reveal it.
 */
export const dailyPosts = sqliteTable(
  "daily_posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guildId: text("guild_id").notNull(),
    day: text("day").notNull(),
    channelId: text("channel_id").notNull(),
    lang: text("lang", { enum: ["de", "en"] }).notNull(),
    status: text("status", {
      enum: ["claimed", "posted", "revealing", "revealed", "missed"],
    }).notNull(),
    claimedBy: text("claimed_by").notNull(),
    claimedAt: integer("claimed_at").notNull(),
    opensAt: integer("opens_at").notNull(),
    closesAt: integer("closes_at").notNull(),
    roundId: integer("round_id").notNull(),
    questionId: integer("question_id").notNull(),
    claimId: text("claim_id").notNull(),
    question: text("question", { mode: "json" }).$type<Question>().notNull(),
    messageId: text("message_id"),
    revealMessageId: text("reveal_message_id"),
    postedAt: integer("posted_at"),
    revealedAt: integer("revealed_at"),
  },
  (t) => [
    uniqueIndex("daily_posts_one_per_day").on(t.guildId, t.day),
    index("daily_posts_status").on(t.status, t.closesAt),
    index("daily_posts_guild_time").on(t.guildId, t.opensAt),
  ],
);

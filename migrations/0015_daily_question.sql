CREATE TABLE `daily_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`day` text NOT NULL,
	`channel_id` text NOT NULL,
	`lang` text NOT NULL,
	`status` text NOT NULL,
	`claimed_by` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`round_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`claim_id` text NOT NULL,
	`question` text NOT NULL,
	`message_id` text,
	`reveal_message_id` text,
	`posted_at` integer,
	`revealed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `daily_posts_one_per_day` ON `daily_posts` (`guild_id`,`day`);--> statement-breakpoint
CREATE INDEX `daily_posts_status` ON `daily_posts` (`status`,`closes_at`);--> statement-breakpoint
CREATE INDEX `daily_posts_guild_time` ON `daily_posts` (`guild_id`,`opens_at`);--> statement-breakpoint
CREATE TABLE `daily_schedules` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`time` text NOT NULL,
	`time_zone` text NOT NULL,
	`kind` text NOT NULL,
	`hours` integer NOT NULL,
	`lang` text NOT NULL,
	`paused_reason` text,
	`paused_at` integer,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL
);

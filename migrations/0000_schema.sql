CREATE TABLE `answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` integer NOT NULL,
	`round_id` integer NOT NULL,
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`option_index` integer NOT NULL,
	`correct` integer NOT NULL,
	`points` integer NOT NULL,
	`streak` integer NOT NULL,
	`response_ms` integer NOT NULL,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `round_questions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_one_per_user` ON `answers` (`question_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `answers_round_user` ON `answers` (`round_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `answers_guild_time` ON `answers` (`guild_id`,`answered_at`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` text PRIMARY KEY NOT NULL,
	`path` text NOT NULL,
	`title` text,
	`publication` text,
	`author` text,
	`date` text,
	`language` text NOT NULL,
	`url` text,
	`body` text NOT NULL,
	`content_hash` text NOT NULL,
	`indexed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `claims` (
	`docid` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`article_id` text NOT NULL,
	`passage_id` text NOT NULL,
	`type` text NOT NULL,
	`quote` text NOT NULL,
	`quote_start` integer NOT NULL,
	`quote_end` integer NOT NULL,
	`question_de` text NOT NULL,
	`question_en` text NOT NULL,
	`statement_de` text NOT NULL,
	`statement_en` text NOT NULL,
	`answers` text NOT NULL,
	`accept` text NOT NULL,
	`distractors` text NOT NULL,
	`tags` text NOT NULL,
	`stems_de` text NOT NULL,
	`stems_en` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`passage_id`) REFERENCES `passages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claims_id_unique` ON `claims` (`id`);--> statement-breakpoint
CREATE INDEX `claims_article_idx` ON `claims` (`article_id`);--> statement-breakpoint
CREATE TABLE `index_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `passages` (
	`docid` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`article_id` text NOT NULL,
	`seq` integer NOT NULL,
	`paragraph` integer NOT NULL,
	`is_heading` integer DEFAULT false NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`text` text NOT NULL,
	`stems` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `passages_id_unique` ON `passages` (`id`);--> statement-breakpoint
CREATE INDEX `passages_article_idx` ON `passages` (`article_id`,`seq`);--> statement-breakpoint
CREATE TABLE `review_cards` (
	`user_id` text NOT NULL,
	`claim_id` text NOT NULL,
	`due` integer NOT NULL,
	`stability` real NOT NULL,
	`difficulty` real NOT NULL,
	`elapsed_days` integer NOT NULL,
	`scheduled_days` integer NOT NULL,
	`learning_steps` integer NOT NULL,
	`reps` integer NOT NULL,
	`lapses` integer NOT NULL,
	`misses` integer NOT NULL,
	`state` integer NOT NULL,
	`last_review` integer,
	PRIMARY KEY(`user_id`, `claim_id`)
);
--> statement-breakpoint
CREATE INDEX `review_cards_due` ON `review_cards` (`user_id`,`due`);--> statement-breakpoint
CREATE TABLE `round_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`position` integer NOT NULL,
	`claim_id` text NOT NULL,
	`kind` text NOT NULL,
	`prompt` text NOT NULL,
	`options` text NOT NULL,
	`correct_index` integer NOT NULL,
	`passage_id` text NOT NULL,
	`quote` text NOT NULL,
	`posted_at` integer,
	`closes_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `round_questions_position` ON `round_questions` (`round_id`,`position`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`starter_id` text NOT NULL,
	`status` text NOT NULL,
	`kind` text NOT NULL,
	`lang` text NOT NULL,
	`seconds` integer NOT NULL,
	`seed` integer NOT NULL,
	`article` text,
	`topic` text,
	`started_at` integer NOT NULL,
	`ended_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_one_running_per_channel` ON `rounds` (`channel_id`) WHERE "rounds"."status" = 'running';--> statement-breakpoint
CREATE INDEX `rounds_guild_idx` ON `rounds` (`guild_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `scores` (
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`points` integer DEFAULT 0 NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`correct` integer DEFAULT 0 NOT NULL,
	`best_streak` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`guild_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `scores_guild_points` ON `scores` (`guild_id`,`points`);
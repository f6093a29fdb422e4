CREATE TABLE `library_articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`slug` text NOT NULL,
	`source` text NOT NULL,
	`added_by` text NOT NULL,
	`added_by_name` text NOT NULL,
	`added_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `library_articles_slug` ON `library_articles` (`guild_id`,`slug`);--> statement-breakpoint
CREATE TABLE `library_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`slug` text NOT NULL,
	`article_id` text NOT NULL,
	`claim` text NOT NULL,
	`status` text NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_by_name` text NOT NULL,
	`proposed_at` integer NOT NULL,
	`reviewed_by` text,
	`reviewed_by_name` text,
	`reviewed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `library_claims_slug` ON `library_claims` (`guild_id`,`slug`);--> statement-breakpoint
CREATE INDEX `library_claims_status` ON `library_claims` (`guild_id`,`status`,`proposed_at`);--> statement-breakpoint
CREATE INDEX `library_claims_proposer` ON `library_claims` (`proposed_by`,`proposed_at`);--> statement-breakpoint
CREATE TABLE `library_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`at` integer NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`action` text NOT NULL,
	`subject` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `library_events_guild` ON `library_events` (`guild_id`,`at`);--> statement-breakpoint
CREATE TABLE `library_hidden` (
	`guild_id` text NOT NULL,
	`article_id` text NOT NULL,
	`hidden_by` text NOT NULL,
	`hidden_at` integer NOT NULL,
	PRIMARY KEY(`guild_id`, `article_id`)
);
--> statement-breakpoint
CREATE TABLE `library_settings` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`role_id` text
);
--> statement-breakpoint
ALTER TABLE `articles` ADD `guild_id` text;--> statement-breakpoint
CREATE INDEX `articles_guild_idx` ON `articles` (`guild_id`);--> statement-breakpoint
ALTER TABLE `claims` ADD `guild_id` text;--> statement-breakpoint
CREATE INDEX `claims_guild_idx` ON `claims` (`guild_id`);
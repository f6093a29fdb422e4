CREATE TABLE `indexed_hidden` (
	`guild_id` text NOT NULL,
	`article_id` text NOT NULL,
	PRIMARY KEY(`guild_id`, `article_id`)
);
--> statement-breakpoint
CREATE TABLE `indexed_libraries` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `library_versions` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `library_versions` (`guild_id`, `version`)
SELECT `guild_id`, 1 FROM `library_articles` UNION SELECT `guild_id`, 1 FROM `library_claims`
UNION SELECT `guild_id`, 1 FROM `library_hidden` UNION SELECT `guild_id`, 1 FROM `library_settings`;
--> statement-breakpoint
INSERT INTO `indexed_libraries` (`guild_id`, `version`) SELECT `guild_id`, `version` FROM `library_versions`;
--> statement-breakpoint
INSERT INTO `indexed_hidden` (`guild_id`, `article_id`) SELECT `guild_id`, `article_id` FROM `library_hidden`;

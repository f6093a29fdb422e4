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
	`stems_reversed` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `passages_id_unique` ON `passages` (`id`);--> statement-breakpoint
CREATE INDEX `passages_article_idx` ON `passages` (`article_id`,`seq`);
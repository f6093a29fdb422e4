CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`user_name` text NOT NULL,
	`claim_id` text NOT NULL,
	`question_id` integer NOT NULL,
	`reason` text NOT NULL,
	`reported_at` integer NOT NULL,
	`reviewed_at` integer,
	`reviewed_by` text,
	FOREIGN KEY (`question_id`) REFERENCES `round_questions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_one_per_user` ON `reports` (`question_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `reports_open` ON `reports` (`guild_id`,`claim_id`,`reviewed_at`);
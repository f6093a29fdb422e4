CREATE TABLE `topics` (
	`slug` text PRIMARY KEY NOT NULL,
	`label_de` text NOT NULL,
	`label_en` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `claims` ADD `false_statements` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `claims` ADD `not_offered` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `claims` ADD `borrow` integer DEFAULT true NOT NULL;
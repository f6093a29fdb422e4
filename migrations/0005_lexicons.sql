CREATE TABLE `lexicon_synonyms` (
	`stem` text NOT NULL,
	`synonym` text NOT NULL,
	PRIMARY KEY(`stem`, `synonym`)
);
--> statement-breakpoint
CREATE TABLE `lexicon_translations` (
	`english` text NOT NULL,
	`german` text NOT NULL,
	`weight` real NOT NULL,
	PRIMARY KEY(`english`, `german`)
);

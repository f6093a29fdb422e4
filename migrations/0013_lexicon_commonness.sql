CREATE TABLE `lexicon_commonness` (
	`language` text NOT NULL,
	`stem` text NOT NULL,
	`entries` integer NOT NULL,
	PRIMARY KEY(`language`, `stem`)
);

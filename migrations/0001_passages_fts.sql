-- Full-text index over the passages' stems (computed in TypeScript at ingest, because
-- better-sqlite3 cannot register a JS tokenizer). External content: the text lives in `passages`.
CREATE VIRTUAL TABLE `passages_fts` USING fts5(
	stems,
	content='passages',
	content_rowid='docid',
	tokenize='unicode61 remove_diacritics 0'
);
--> statement-breakpoint
CREATE TRIGGER `passages_fts_insert` AFTER INSERT ON `passages` BEGIN
	INSERT INTO passages_fts(rowid, stems) VALUES (new.docid, new.stems);
END;
--> statement-breakpoint
CREATE TRIGGER `passages_fts_delete` AFTER DELETE ON `passages` BEGIN
	INSERT INTO passages_fts(passages_fts, rowid, stems) VALUES ('delete', old.docid, old.stems);
END;
--> statement-breakpoint
CREATE TRIGGER `passages_fts_update` AFTER UPDATE ON `passages` BEGIN
	INSERT INTO passages_fts(passages_fts, rowid, stems) VALUES ('delete', old.docid, old.stems);
	INSERT INTO passages_fts(rowid, stems) VALUES (new.docid, new.stems);
END;
--> statement-breakpoint
-- Document frequency of every stem, for the coverage signal of the ranking.
CREATE VIRTUAL TABLE `passages_vocab` USING fts5vocab(passages_fts, 'row');

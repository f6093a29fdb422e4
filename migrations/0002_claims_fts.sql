-- Full-text index over the claims: German stems (question, statement, answers, aliases, tags)
-- and English stems (English question and statement, answers, aliases), computed at ingest.
CREATE VIRTUAL TABLE `claims_fts` USING fts5(
	stems_de,
	stems_en,
	content='claims',
	content_rowid='docid',
	tokenize='unicode61 remove_diacritics 0'
);
--> statement-breakpoint
CREATE TRIGGER `claims_fts_insert` AFTER INSERT ON `claims` BEGIN
	INSERT INTO claims_fts(rowid, stems_de, stems_en) VALUES (new.docid, new.stems_de, new.stems_en);
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_delete` AFTER DELETE ON `claims` BEGIN
	INSERT INTO claims_fts(claims_fts, rowid, stems_de, stems_en) VALUES ('delete', old.docid, old.stems_de, old.stems_en);
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_update` AFTER UPDATE ON `claims` BEGIN
	INSERT INTO claims_fts(claims_fts, rowid, stems_de, stems_en) VALUES ('delete', old.docid, old.stems_de, old.stems_en);
	INSERT INTO claims_fts(rowid, stems_de, stems_en) VALUES (new.docid, new.stems_de, new.stems_en);
END;
--> statement-breakpoint
-- Document frequency of every claim stem, for weighing how well a claim covers a query.
CREATE VIRTUAL TABLE `claims_vocab` USING fts5vocab(claims_fts, 'row');

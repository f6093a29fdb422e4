-- The full-text indexes are kept by the ingest itself, not by triggers: a bulk load inserts the
-- rows and rebuilds the index once, a small change updates it row by row, and a damaged index can
-- be cleared and rebuilt without the triggers touching it.
DROP TRIGGER IF EXISTS `passages_fts_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `passages_fts_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `passages_fts_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `claims_fts_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `claims_fts_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `claims_fts_update`;

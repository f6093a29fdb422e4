CREATE TABLE "library_versions" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "state_versions" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "state_versions" CASCADE;--> statement-breakpoint
ALTER TABLE "library_claims" ALTER COLUMN "claim" SET DATA TYPE json;
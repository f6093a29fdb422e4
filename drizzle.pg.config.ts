import { defineConfig } from "drizzle-kit";

/** The PostgreSQL schema of the shared state; the SQLite one is drizzle.config.ts. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/pg/schema.ts",
  out: "./migrations/pg",
});

import { integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as pgSchema from "../../src/db/pg/schema.ts";
import { canonicalJson, TableChecksum } from "../../src/db/store-copy/checksum.ts";
import { copyPlan } from "../../src/db/store-copy/tables.ts";

describe("the table checksum", () => {
  it("does not depend on the order rows are read in, and sees any changed value", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer(), fc.string(), fc.boolean()), {
          selector: ([id]) => id,
          minLength: 1,
        }),
        fc.string(),
        (rows, other) => {
          const forward = new TableChecksum();
          const backward = new TableChecksum();
          for (const row of rows) forward.add(row);
          for (const row of [...rows].reverse()) backward.add(row);
          expect(backward.hex).toBe(forward.hex);
          const [first, ...rest] = rows as [
            [number, string, boolean],
            ...[number, string, boolean][],
          ];
          fc.pre(other !== first[1]);
          const changed = new TableChecksum();
          for (const row of [[first[0], other, first[2]], ...rest]) changed.add(row);
          expect(changed.hex).not.toBe(forward.hex);
        },
      ),
    );
  });

  it("writes JSON objects with sorted keys, as jsonb gives them back in its own order", () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: "x" }] })).toBe(
      canonicalJson({ a: [{ c: "x", d: null }], b: 1 }),
    );
    expect(canonicalJson([1n, 2.5, true, "ä"])).toBe('[1,2.5,true,"ä"]');
  });
});

describe("the copy plan", () => {
  it("copies every shared-state table but the process leases, parents first", () => {
    const plan = copyPlan();
    const names = plan.tables.map((t) => t.name);
    expect(names).not.toContain("owners");
    expect(names).toContain("library_versions");
    expect(names.indexOf("rounds")).toBeLessThan(names.indexOf("round_questions"));
    expect(names.indexOf("round_questions")).toBeLessThan(names.indexOf("answers"));
    expect(names.indexOf("round_questions")).toBeLessThan(names.indexOf("reports"));
    expect(plan.tables.find((t) => t.name === "scores")?.primaryKey).toEqual([
      "guild_id",
      "user_id",
    ]);
  });

  it("copies a table added to the schema later without new code, after its parent", () => {
    const notes = pgTable("claim_notes", {
      id: integer("id").primaryKey(),
      claimId: integer("claim_id").references(() => pgSchema.libraryClaims.id),
      body: jsonb("body").notNull(),
      by: text("by").notNull(),
    });
    const plan = copyPlan({ notes, ...pgSchema });
    const names = plan.tables.map((t) => t.name);
    expect(names.indexOf("library_claims")).toBeLessThan(names.indexOf("claim_notes"));
    const body = plan.tables.find((t) => t.name === "claim_notes")?.columns[2];
    expect(body?.fromSqlite('{"b":[1,2]}')).toEqual({ b: [1, 2] });
    expect(body?.toParameter(["a"])).toBe('["a"]');
  });

  it("converts SQLite's 0/1 to booleans and refuses what a column cannot hold", () => {
    const answers = copyPlan().tables.find((t) => t.name === "answers");
    const correct = answers?.columns.find((c) => c.name === "correct");
    expect(correct?.fromSqlite(1n)).toBe(true);
    expect(correct?.fromSqlite(0n)).toBe(false);
    expect(() => correct?.fromSqlite(2n)).toThrow(/answers.correct holds 2/);
    const answeredAt = answers?.columns.find((c) => c.name === "answered_at");
    expect(answeredAt?.fromSqlite(1_800_000_000_000n)).toBe(1_800_000_000_000);
    expect(() => answeredAt?.fromSqlite(2n ** 60n)).toThrow(/within 2\^53/);
    expect(answeredAt?.fromPostgres("1800000000000")).toBe(1_800_000_000_000);
    const typed = answers?.columns.find((c) => c.name === "typed_text");
    expect(typed?.fromSqlite("Bremen")).toBe("Bremen");
    expect(() => typed?.fromSqlite("Bre\0men")).toThrow(/answers.typed_text holds .*U\+0000/);
    const options = copyPlan()
      .tables.find((t) => t.name === "round_questions")
      ?.columns.find((c) => c.name === "options");
    expect(() => options?.fromSqlite('["a\\u0000"]')).toThrow(/U\+0000/);
    expect(options?.fromSqlite('["a\\\\u0000"]')).toEqual(["a\\u0000"]);
  });
});

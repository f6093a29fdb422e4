import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { userLocksStatement } from "../../src/db/pg/quiz-locks.ts";

const keysOf = (statement: string) =>
  (statement.match(/'\{([^}]*)\}'/)?.[1] ?? "").split(",").map(Number);

describe("userLocksStatement", () => {
  it("holds the fixed text and integers only, whatever the user ids", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { minLength: 1 }), (ids) => {
        const statement = userLocksStatement(ids) as string;
        expect(statement).toMatch(
          /^SELECT count\(pg_advisory_xact_lock\(20821, k\)\) FROM unnest\('\{-?\d+(,-?\d+)*\}'::int\[\]\) AS k$/,
        );
        for (const key of keysOf(statement)) {
          expect(Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31).toBe(true);
        }
      }),
    );
  });

  it("takes each user's lock once, in the same order whatever the order of the batch", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1 }), (ids) => {
        const keys = keysOf(userLocksStatement(ids) as string);
        expect(keys).toEqual([...keys].sort((a, b) => a - b));
        expect(new Set(keys).size).toBe(keys.length);
        expect(userLocksStatement([...ids].reverse())).toBe(userLocksStatement(ids));
        expect(userLocksStatement([...ids, ...ids])).toBe(userLocksStatement(ids));
      }),
    );
  });

  it("takes no lock for no users", () => {
    expect(userLocksStatement([])).toBeUndefined();
  });
});

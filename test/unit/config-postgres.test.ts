import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";

const load = (env: Record<string, string>) => loadConfig(env, false);

describe("the PostgreSQL settings", () => {
  it("are absent without DATABASE_URL: the SQLite file holds everything, as before", () => {
    const config = load({ DATABASE_URL: "" });
    expect(config.postgres).toBeUndefined();
    expect(config.databasePath).toBe("data/beleg.sqlite");
  });

  it("take DATABASE_URL with the defaults for the pool, the timeouts and the search index", () => {
    expect(load({ DATABASE_URL: "postgresql://beleg@127.0.0.1/beleg" }).postgres).toEqual({
      url: "postgresql://beleg@127.0.0.1/beleg",
      poolSize: 10,
      statementTimeoutMs: 2_000,
      connectTimeoutMs: 1_000,
      searchIndexPath: "data/search-index.sqlite",
    });
    const set = load({
      DATABASE_URL: "postgres://u:p@db:5432/beleg?sslmode=verify-full",
      PG_POOL_SIZE: "4",
      PG_STATEMENT_TIMEOUT_MS: "1500",
      PG_CONNECT_TIMEOUT_MS: "500",
      SEARCH_INDEX_PATH: "/var/lib/beleg/index.sqlite",
    }).postgres;
    expect(set).toMatchObject({ poolSize: 4, statementTimeoutMs: 1_500, connectTimeoutMs: 500 });
    expect(set?.searchIndexPath).toBe("/var/lib/beleg/index.sqlite");
  });

  it.each([
    [{ DATABASE_URL: "mysql://db/beleg" }, "DATABASE_URL"],
    [{ DATABASE_URL: "data/beleg.sqlite" }, "DATABASE_URL"],
    [
      { DATABASE_URL: "postgres://db/b", PG_STATEMENT_TIMEOUT_MS: "5000" },
      "PG_STATEMENT_TIMEOUT_MS",
    ],
    [{ DATABASE_URL: "postgres://db/b", PG_POOL_SIZE: "0" }, "PG_POOL_SIZE"],
    [{ DATABASE_URL: "postgres://db/b", PG_POOL_SIZE: "many" }, "PG_POOL_SIZE"],
  ])("refuses %o, naming %s", (env, name) => {
    expect(() => load(env)).toThrow(name);
  });
});

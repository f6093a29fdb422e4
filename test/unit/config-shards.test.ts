import { describe, expect, it } from "vitest";
import { loadConfig, shardIdsOf } from "../../src/config.ts";
import { jobWorkersPerShard, shardIndexPath } from "../../src/discord/shard-manager.ts";

const load = (env: Record<string, string>) => loadConfig(env, false);
const PG = { DATABASE_URL: "postgres://beleg@127.0.0.1/beleg" };

describe("the shard settings", () => {
  it("are absent without SHARD_COUNT: one shard, as before", () => {
    expect(load({}).sharding).toBeUndefined();
    expect(load({ SHARD_COUNT: "", SHARDS: "" }).sharding).toBeUndefined();
  });

  it("take a count alone (every shard in this process, on SQLite too) or auto", () => {
    expect(load({ SHARD_COUNT: "3" }).sharding).toEqual({ count: 3, ids: undefined });
    expect(load({ SHARD_COUNT: "auto" }).sharding).toEqual({ count: "auto", ids: undefined });
    expect(shardIdsOf(load({ SHARD_COUNT: "3" }).sharding)).toEqual([0, 1, 2]);
  });

  it("take the ids of this host as a comma list, or as discord.js's manager hands them", () => {
    for (const shards of ["1,0", " 0, 1 ", "[0,1]", "0,1,1"])
      expect(load({ ...PG, SHARD_COUNT: "4", SHARDS: shards }).sharding).toEqual({
        count: 4,
        ids: [0, 1],
      });
    expect(load({ ...PG, SHARD_COUNT: "2", SHARDS: "1" }).sharding?.ids).toEqual([1]);
    expect(shardIdsOf(load({ ...PG, SHARD_COUNT: "2", SHARDS: "1" }).sharding)).toEqual([1]);
  });

  it("let one SQLite process run every shard, but no fewer", () => {
    expect(load({ SHARD_COUNT: "2", SHARDS: "0,1" }).sharding).toEqual({ count: 2, ids: [0, 1] });
    expect(() => load({ SHARD_COUNT: "2", SHARDS: "0" })).toThrow(/needs DATABASE_URL/);
  });

  it.each([
    [{ SHARDS: "0" }, "SHARDS needs SHARD_COUNT=N"],
    [{ SHARD_COUNT: "auto", SHARDS: "0" }, "SHARDS needs SHARD_COUNT=N"],
    [{ SHARD_COUNT: "2", SHARDS: "2" }, "SHARDS 2 is not below SHARD_COUNT=2"],
    [{ SHARD_COUNT: "2", SHARDS: "zero" }, "SHARDS"],
    [{ SHARD_COUNT: "2", SHARDS: "-1" }, "SHARDS"],
    [{ SHARD_COUNT: "0" }, "SHARD_COUNT"],
    [{ SHARD_COUNT: "many" }, "SHARD_COUNT"],
  ])("refuses %o, saying %s", (env, message) => {
    expect(() => load({ ...PG, ...env })).toThrow(message);
  });

  it("give every shard process of one host its own search index file", () => {
    expect(shardIndexPath("data/search-index.sqlite", 1)).toBe("data/search-index.shard-1.sqlite");
    expect(shardIndexPath("/var/lib/beleg/index", 0)).toBe("/var/lib/beleg/index.shard-0");
  });

  it("share the cores less one among a host's shard processes for library jobs, one at least", () => {
    expect(jobWorkersPerShard(8, 1)).toBe(7);
    expect(jobWorkersPerShard(8, 3)).toBe(2);
    expect(jobWorkersPerShard(2, 2)).toBe(1);
    expect(load({ LIBRARY_JOB_WORKERS: "3" }).libraryJobWorkers).toBe(3);
    expect(load({}).libraryJobWorkers).toBeUndefined();
    expect(() => load({ LIBRARY_JOB_WORKERS: "0" })).toThrow("LIBRARY_JOB_WORKERS");
  });
});

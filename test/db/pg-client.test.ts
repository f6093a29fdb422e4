import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { openPostgres, type Postgres, type PostgresOptions } from "../../src/db/pg/client.ts";
import { isUniqueViolation } from "../../src/db/pg/errors.ts";
import { owners, scores } from "../../src/db/pg/schema.ts";
import { inTransaction } from "../../src/db/pg/transaction.ts";
import { WriteFailedError } from "../../src/db/write-failure.ts";
import {
  describePg,
  pgTestDatabase,
  type TestCluster,
  testCluster,
} from "../support/pg-cluster.ts";

/** The migrations in migrations/pg, as drizzle-kit listed them. */
const MIGRATIONS = JSON.parse(
  readFileSync(new URL("../../migrations/pg/meta/_journal.json", import.meta.url), "utf8"),
) as { entries: unknown[] };

const OPTIONS: PostgresOptions = {
  poolSize: 4,
  statementTimeoutMs: 2_000,
  connectTimeoutMs: 1_000,
};

/** What a write threw, or "stored". */
const outcome = (write: Promise<unknown>) =>
  write.then(
    () => "stored",
    (error: unknown) => error,
  );

const reasonOf = (error: unknown) => (error instanceof WriteFailedError ? error.reason : error);

const owner = (id: string) => ({ id, host: "h", pid: 1, startedAt: 1, heartbeatAt: 1 });

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const resource of opened.splice(0).reverse()) await resource.close();
});

async function freshPostgres(
  options: Partial<PostgresOptions> = {},
  cluster?: TestCluster,
): Promise<Postgres & { url: string }> {
  const database = await pgTestDatabase(cluster);
  opened.push(database);
  const postgres = await openPostgres(database.url, { ...OPTIONS, ...options });
  opened.push(postgres);
  return { ...postgres, url: database.url };
}

describePg("PostgreSQL client", () => {
  it("migrates an empty database, once: opening again (or twice at once) changes nothing", async () => {
    const database = await pgTestDatabase();
    opened.push(database);
    const [a, b] = await Promise.all([
      openPostgres(database.url, OPTIONS),
      openPostgres(database.url, OPTIONS),
    ]);
    await Promise.all([a.close(), b.close()]);
    const again = await openPostgres(database.url, OPTIONS);
    opened.push(again);
    const applied = await again.pool.query("SELECT hash FROM drizzle.__drizzle_migrations");
    expect(applied.rowCount).toBe(MIGRATIONS.entries.length);
    await again.db.insert(owners).values(owner("o1"));
    expect(await again.db.select().from(owners)).toHaveLength(1);
  });

  it("throws a unique violation as the write's own error, after rolling the rest back", async () => {
    const { pool, db } = await freshPostgres();
    await inTransaction(pool, (tx) => tx.insert(owners).values(owner("o1")), { deadlineMs: 2_000 });
    const error = await outcome(
      inTransaction(
        pool,
        async (tx) => {
          await tx.insert(owners).values(owner("o2"));
          await tx.insert(owners).values(owner("o1"));
        },
        { deadlineMs: 2_000 },
      ),
    );
    expect(error).not.toBeInstanceOf(WriteFailedError);
    expect(isUniqueViolation(error)).toBe(true);
    expect((await db.select().from(owners)).map((o) => o.id)).toEqual(["o1"]);
  });

  it("answers a statement cut by the statement timeout as a timeout: not stored", async () => {
    const { pool, db } = await freshPostgres({ statementTimeoutMs: 100 });
    const error = await outcome(
      inTransaction(
        pool,
        async (tx) => {
          await tx.insert(owners).values(owner("slow"));
          await tx.execute(sql`SELECT pg_sleep(5)`);
        },
        { deadlineMs: 2_000 },
      ),
    );
    expect(reasonOf(error)).toBe("timeout");
    expect(await db.select().from(owners)).toEqual([]);
  });

  it("answers a connection killed mid-transaction as a timeout, and the pool serves on", async () => {
    const { pool, db, url } = await freshPostgres();
    const killer = new pg.Client({ connectionString: url });
    await killer.connect();
    opened.push({ close: () => killer.end() });
    const error = await outcome(
      inTransaction(
        pool,
        async (tx) => {
          await tx.insert(owners).values(owner("cut"));
          const [self] = await tx
            .execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)
            .then((r) => r.rows);
          await killer.query("SELECT pg_terminate_backend($1)", [self?.pid]);
          await tx.execute(sql`SELECT 1`);
        },
        { deadlineMs: 2_000 },
      ),
    );
    expect(reasonOf(error)).toBe("timeout");
    expect(await db.select().from(owners)).toEqual([]);
    await inTransaction(pool, (tx) => tx.insert(owners).values(owner("after")), {
      deadlineMs: 2_000,
    });
    expect((await db.select().from(owners)).map((o) => o.id)).toEqual(["after"]);
  });

  it("retries a serialization conflict between two SERIALIZABLE transactions: both commit", async () => {
    const { pool, db } = await freshPostgres();
    const base = { userName: "n", updatedAt: 1 };
    await db.insert(scores).values([
      { ...base, guildId: "g", userId: "a", points: 1 },
      { ...base, guildId: "g", userId: "b", points: 1 },
    ]);
    // Each transaction reads both rows and writes one from the sum (write skew). Their first
    // attempts overlap: both have read before either writes, so one must fail with 40001.
    let attempts = 0;
    let readers = 0;
    let bothRead: () => void = () => undefined;
    const bothHaveRead = new Promise<void>((resolve) => {
      bothRead = resolve;
    });
    const moveTotalTo = (userId: string) =>
      inTransaction(
        pool,
        async (tx) => {
          attempts++;
          const [total] = await tx
            .execute<{ sum: string }>(
              sql`SELECT sum(points) AS sum FROM scores WHERE guild_id = 'g'`,
            )
            .then((r) => r.rows);
          if (++readers === 2) bothRead();
          await bothHaveRead;
          await tx.execute(
            sql`UPDATE scores SET points = ${Number(total?.sum)} WHERE guild_id = 'g' AND user_id = ${userId}`,
          );
        },
        { deadlineMs: 2_500, isolation: "serializable" },
      );
    await Promise.all([moveTotalTo("a"), moveTotalTo("b")]);
    expect(attempts).toBeGreaterThan(2);
    const points = (await db.select().from(scores)).map((s) => s.points).sort();
    // Serial order: the first makes 2, the second then sees 3 (1 + 2): never 2 and 2.
    expect(points).toEqual([2, 3]);
  });

  it("retries the loser of a deadlock: both transactions commit", async () => {
    const { pool, db } = await freshPostgres();
    const base = { guildId: "g", userName: "n", updatedAt: 1 };
    await db.insert(scores).values([
      { ...base, userId: "a" },
      { ...base, userId: "b" },
    ]);
    // The first attempts lock one row each, then want the other's: a deadlock, found fast.
    let attempts = 0;
    let locked = 0;
    let bothLocked: () => void = () => undefined;
    const bothHaveLocked = new Promise<void>((resolve) => {
      bothLocked = resolve;
    });
    const addToBoth = (first: string, second: string) =>
      inTransaction(
        pool,
        async (tx) => {
          attempts++;
          await tx.execute(sql`SET LOCAL deadlock_timeout = '20ms'`);
          const add = (userId: string) =>
            tx.execute(sql`UPDATE scores SET points = points + 1 WHERE user_id = ${userId}`);
          await add(first);
          if (++locked === 2) bothLocked();
          await bothHaveLocked;
          await add(second);
        },
        { deadlineMs: 2_500 },
      );
    await Promise.all([addToBoth("a", "b"), addToBoth("b", "a")]);
    expect(attempts).toBeGreaterThan(2);
    expect((await db.select().from(scores)).map((s) => s.points)).toEqual([2, 2]);
  });
});

describePg(
  "PostgreSQL client across a server restart",
  () => {
    let cluster: TestCluster;
    beforeAll(async () => {
      cluster = await testCluster();
    });
    afterAll(async () => {
      await cluster?.start().catch(() => undefined);
    });

    it("answers writes while the server is down as a timeout, and works once it is back", async () => {
      const idleErrors: Error[] = [];
      const { pool, db } = await freshPostgres(
        { onIdleError: (error) => idleErrors.push(error) },
        cluster,
      );
      await inTransaction(pool, (tx) => tx.insert(owners).values(owner("before")), {
        deadlineMs: 2_000,
      });
      await cluster.stop();
      const error = await outcome(
        inTransaction(pool, (tx) => tx.insert(owners).values(owner("down")), {
          deadlineMs: 2_000,
        }),
      );
      expect(reasonOf(error)).toBe("timeout");
      await cluster.start();
      await inTransaction(pool, (tx) => tx.insert(owners).values(owner("back")), {
        deadlineMs: 2_000,
      });
      const ids = (await db.select().from(owners)).map((o) => o.id).sort();
      expect(ids).toEqual(["back", "before"]);
      // The idle connection the stop cut was reported, not thrown.
      expect(idleErrors.length).toBeGreaterThan(0);
    });
  },
  true,
);

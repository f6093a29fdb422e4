import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPostgres, type Postgres } from "../../src/db/pg/client.ts";
import {
  LISTENER_APPLICATION_NAME,
  type LibraryNotice,
  listenLibraryChanges,
} from "../../src/db/pg/library-listener.ts";
import { PgLibraryStore } from "../../src/db/pg/library-store.ts";
import {
  describePg,
  pgTestDatabase,
  type TestCluster,
  type TestDatabase,
  testCluster,
} from "../support/pg-cluster.ts";

/**
 * What only PostgreSQL can get wrong: several processes (here: two pools, each with its own
 * store) writing one server's library at once, and the announcements of committed changes.
 * The rest of the store's behaviour is test/db/library-store.contract.test.ts.
 */

const mira = { id: "m1", name: "Mira" };
const at = 1_800_000_000_000;
const claim = (id: string) => ({ id, quote: "Text.", question: { de: "Was?" }, answer: ["Text"] });
const source = (title: string) => `---\ntitle: ${title}\nlanguage: de\n---\n\nText.\n`;

let database: TestDatabase;
let processes: Postgres[];
let stores: PgLibraryStore[];

/** Store i of the two "processes", taking turns. */
const storeFor = (i: number) => stores[i % stores.length] as PgLibraryStore;

/** Notices as they arrive, and a way to await the next one. */
function noticeQueue() {
  const arrived: LibraryNotice[] = [];
  const waiting: ((notice: LibraryNotice) => void)[] = [];
  return {
    push(notice: LibraryNotice) {
      const next = waiting.shift();
      if (next) next(notice);
      else arrived.push(notice);
    },
    next(): Promise<LibraryNotice> {
      const notice = arrived.shift();
      return notice ? Promise.resolve(notice) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

describePg("the PostgreSQL library store, written by several processes at once", () => {
  beforeAll(async () => {
    database = await pgTestDatabase();
    const options = { poolSize: 8, statementTimeoutMs: 2_000, connectTimeoutMs: 2_500 };
    processes = [
      await openPostgres(database.url, options),
      await openPostgres(database.url, options),
    ];
    stores = processes.map((p) => new PgLibraryStore(p.pool, p.db));
  });

  afterAll(async () => {
    for (const p of processes ?? []) await p.close();
    await database?.close();
  });

  it("holds a member's hourly proposal limit and gives out distinct slugs for 30 proposals at once", async () => {
    const guildId = "200000000000000011";
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        storeFor(i).propose({
          guildId,
          actor: mira,
          at,
          articleId: "mondbasis",
          slugBase: "antwort",
          claim: claim("antwort"),
          limits: { perHour: 5, claims: 100 },
        }),
      ),
    );
    const kinds = outcomes.map((o) => o.kind);
    expect(kinds.filter((k) => k === "proposed")).toHaveLength(5);
    expect(kinds.filter((k) => k === "too-often")).toHaveLength(25);
    const slugs = (await storeFor(0).claims(guildId)).map((c) => c.slug);
    expect(slugs).toEqual(["antwort", "antwort-2", "antwort-3", "antwort-4", "antwort-5"]);
  });

  it("holds a server's claim limit for 30 members proposing at once", async () => {
    const guildId = "200000000000000012";
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        storeFor(i).propose({
          guildId,
          actor: { id: `u${i}`, name: `U${i}` },
          at,
          articleId: "mondbasis",
          slugBase: "antwort",
          claim: claim("antwort"),
          limits: { perHour: 5, claims: 12 },
        }),
      ),
    );
    expect(outcomes.filter((o) => o.kind === "proposed")).toHaveLength(12);
    expect(outcomes.filter((o) => o.kind === "too-many-claims")).toHaveLength(18);
    const slugs = (await storeFor(1).claims(guildId)).map((c) => c.slug);
    expect(new Set(slugs).size).toBe(12);
  });

  it("gives concurrent changes of one server distinct versions, each following the one before", async () => {
    const guildId = "200000000000000013";
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        storeFor(i).hide({ guildId, actor: mira, at, articleId: `artikel-${i}` }),
      ),
    );
    const byVersion = [...outcomes].sort((a, b) => a.version - b.version);
    expect(new Set(byVersion.map((o) => o.version)).size).toBe(20);
    // Each change was made on the library the one before it left (the first on a new server's
    // 0): no two read the same version.
    expect(byVersion.map((o) => o.previous)).toEqual([
      0,
      ...byVersion.slice(0, -1).map((o) => o.version),
    ]);
    expect(await storeFor(0).version(guildId)).toBe(byVersion.at(-1)?.version);
    expect(await storeFor(1).hidden(guildId)).toHaveLength(20);
  });

  it("writes only one of two articles prepared from the same version at once", async () => {
    const guildId = "200000000000000014";
    const expected = await storeFor(0).version(guildId);
    const outcomes = await Promise.all(
      ["mondbasis", "hafen"].map((slug, i) =>
        storeFor(i).putArticle({
          guildId,
          actor: mira,
          at,
          expected,
          slug,
          source: source(slug),
          limit: 10,
        }),
      ),
    );
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["added", "changed"]);
    expect(await storeFor(1).articles(guildId)).toHaveLength(1);
  });

  it("orders slugs byte by byte, as SQLite does, whatever the column's collation", async () => {
    const [first] = processes as [Postgres, Postgres];
    // As a database made with a glibc locale such as en_US.UTF-8 would: punctuation ignored.
    await first.pool.query(`
      CREATE COLLATION punctuation_ignored (provider = icu, locale = 'und-u-ka-shifted');
      ALTER TABLE library_articles ALTER COLUMN slug TYPE text COLLATE punctuation_ignored`);
    const guildId = "200000000000000020";
    for (const slug of ["ab", "a-c"]) {
      const expected = await storeFor(0).version(guildId);
      await storeFor(0).putArticle({
        guildId,
        actor: mira,
        at,
        expected,
        slug,
        source: source(slug),
        limit: 5,
      });
    }
    expect((await storeFor(1).articles(guildId)).map((a) => a.slug)).toEqual(["a-c", "ab"]);
  });

  it("announces a committed change, and not one rolled back", async () => {
    const [first, second] = processes as [Postgres, Postgres];
    // A failure at COMMIT, after the change's NOTIFY was sent inside the transaction.
    await first.pool.query(`
      CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql
        AS $$ BEGIN RAISE EXCEPTION 'refused at commit'; END $$;
      CREATE CONSTRAINT TRIGGER refuse_for_test AFTER INSERT ON library_events
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.subject = 'refused')
        EXECUTE FUNCTION refuse_for_test()`);
    const notices = noticeQueue();
    const listener = listenLibraryChanges(second.pool, notices.push);
    try {
      expect(await notices.next()).toEqual({ kind: "listening" });
      const guildId = "200000000000000015";
      const hidden = await storeFor(0).hide({ guildId, actor: mira, at, articleId: "hafen" });
      expect(await notices.next()).toEqual({ kind: "changed", guildId, version: hidden.version });

      const refused = storeFor(0).hide({ guildId, actor: mira, at, articleId: "refused" });
      await expect(refused).rejects.toThrow("refused at commit");
      expect(await storeFor(1).version(guildId)).toBe(hidden.version);
      // Announcements arrive in commit order: had the refused change been announced, its
      // notice would come before this one's.
      const other = "200000000000000016";
      const role = await storeFor(1).setRole({ guildId: other, actor: mira, at, roleId: "r" });
      expect(await notices.next()).toEqual({
        kind: "changed",
        guildId: other,
        version: role.version,
      });
    } finally {
      await listener.close();
    }
  });

  it("listens again after its connection is cut, and says so (the cue to catch up)", async () => {
    const notices = noticeQueue();
    const listener = listenLibraryChanges((processes[1] as Postgres).pool, notices.push);
    try {
      expect(await notices.next()).toEqual({ kind: "listening" });
      await (processes[0] as Postgres).pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = $1 AND datname = current_database()`,
        [LISTENER_APPLICATION_NAME],
      );
      expect(await notices.next()).toEqual({ kind: "listening" });
      const guildId = "200000000000000017";
      const shown = await storeFor(0).setRole({ guildId, actor: mira, at, roleId: null });
      expect(await notices.next()).toEqual({ kind: "changed", guildId, version: shown.version });
    } finally {
      await listener.close();
    }
  });
});

describePg(
  "the library listener when its server restarts or its connection goes silent",
  () => {
    let cluster: TestCluster;
    let own: TestDatabase;
    let postgres: Postgres;
    let store: PgLibraryStore;
    beforeAll(async () => {
      cluster = await testCluster();
      own = await pgTestDatabase(cluster);
      postgres = await openPostgres(own.url, {
        poolSize: 2,
        statementTimeoutMs: 2_000,
        connectTimeoutMs: 2_500,
        onIdleError: () => {},
      });
      store = new PgLibraryStore(postgres.pool, postgres.db);
    });
    afterAll(async () => {
      await postgres?.close();
      await own?.close();
    });

    it("listens again once a restarted server is back", async () => {
      const notices = noticeQueue();
      const listener = listenLibraryChanges(postgres.pool, notices.push, { onError: () => {} });
      try {
        expect(await notices.next()).toEqual({ kind: "listening" });
        await cluster.stop();
        await cluster.start();
        expect(await notices.next()).toEqual({ kind: "listening" });
        const guildId = "200000000000000018";
        const hidden = await store.hide({ guildId, actor: mira, at, articleId: "hafen" });
        expect(await notices.next()).toEqual({ kind: "changed", guildId, version: hidden.version });
      } finally {
        await listener.close();
      }
    });

    it("notices a connection that stopped answering, by its ping, and listens again", async () => {
      const notices = noticeQueue();
      const listener = listenLibraryChanges(postgres.pool, notices.push, {
        pingMs: 200,
        onError: () => {},
      });
      let paused: number | undefined;
      try {
        expect(await notices.next()).toEqual({ kind: "listening" });
        const { rows } = await postgres.pool.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
           WHERE application_name = $1 AND datname = current_database()`,
          [LISTENER_APPLICATION_NAME],
        );
        paused = rows[0]?.pid;
        // Only this test's server process of this cluster: its title names this database.
        const title = readFileSync(`/proc/${paused}/cmdline`, "utf8");
        expect(title).toContain(new URL(own.url).pathname.slice(1));
        process.kill(paused as number, "SIGSTOP");
        expect(await notices.next()).toEqual({ kind: "listening" });
        const guildId = "200000000000000019";
        const set = await store.setRole({ guildId, actor: mira, at, roleId: "r" });
        expect(await notices.next()).toEqual({ kind: "changed", guildId, version: set.version });
      } finally {
        if (paused !== undefined) process.kill(paused, "SIGCONT");
        await listener.close();
      }
    });
  },
  true,
);

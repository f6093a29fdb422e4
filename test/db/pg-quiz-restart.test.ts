import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { answers, scores } from "../../src/db/pg/schema.ts";
import { describePg, type TestCluster, testCluster } from "../support/pg-cluster.ts";
import {
  answerOf,
  closePgStores,
  holdScore,
  type Opened,
  openPgStores,
  postedQuestions,
  settled,
  someoneWaits,
} from "../support/pg-quiz-stores.ts";

describePg(
  "PostgreSQL answers across a server restart",
  () => {
    let cluster: TestCluster;
    let opened: Opened | undefined;
    beforeAll(async () => {
      cluster = await testCluster();
      opened = await openPgStores(cluster);
    });
    afterAll(async () => {
      await cluster?.start().catch(() => undefined);
      await closePgStores(opened);
    });

    it("rejects the answers of a batch the stop cut as not stored, none of them stored, and stores answers once the server is back", async () => {
      const { stores, postgres, database } = opened as Opened;
      const [q0, q1, q2] = (await postedQuestions(stores, 3)) as [number, number, number];
      expect((await stores.answers.record(answerOf(q2, "u1"))).status).toBe("recorded");
      const holder = await holdScore(database.url, "u1");
      const users = Array.from({ length: 30 }, (_, i) => `u${i + 1}`);
      const held = users.map((u) => settled(stores.answers.record(answerOf(q0, u))));
      await someoneWaits(postgres.pool);
      await cluster.stop();
      expect(await Promise.all(held)).toEqual(users.map(() => "not stored: timeout"));
      await holder.end().catch(() => undefined);
      await cluster.start();
      expect(await postgres.db.select({ n: sql<number>`count(*)::int` }).from(answers)).toEqual([
        { n: 1 },
      ]);
      expect((await postgres.db.select().from(scores)).map((r) => r.userId)).toEqual(["u1"]);
      const later = await Promise.all(users.map((u) => stores.answers.record(answerOf(q1, u))));
      expect(later.map((o) => o.status)).toEqual(users.map(() => "recorded"));
      expect(await postgres.db.select({ n: sql<number>`count(*)::int` }).from(answers)).toEqual([
        { n: 31 },
      ]);
    });
  },
  true,
);

import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.ts";
import { QuizRunner } from "../../src/interactions/quiz-runner.ts";
import type { View } from "../../src/interactions/view.ts";
import type { StartRequest } from "../../src/quiz/round-types.ts";
import { indexedTempApp, reopenApp, type TempApp } from "../support/temp-app.ts";

/**
 * Two processes on one file, each with its own clock: the first one's clock (and so its
 * heartbeat) stands still, as for a process stopped with SIGSTOP; the second's runs past the
 * lease and takes the channel over. Then the first resumes.
 */
const T0 = 1_800_000_000_000;
const PAST_LEASE = 11 * 60_000;
let nowA = T0;
let nowB = T0;
let first: TempApp;
let second: App | undefined;
afterEach(async () => {
  await second?.close();
  second = undefined;
  await first.cleanup();
});

const request = (over: Partial<StartRequest> = {}): StartRequest => ({
  guildId: "g1",
  channelId: "c1",
  starterId: "starter",
  count: 3,
  seed: 5,
  kind: "mc",
  lang: "de",
  seconds: 10,
  ...over,
});
const statuses = (t: TempApp) =>
  t.db.$client.prepare("SELECT id, status FROM rounds ORDER BY id").all();

async function takeOver(): Promise<App> {
  nowB = nowA + PAST_LEASE;
  second = await reopenApp(first.path, { clock: () => nowB });
  expect(await second.quiz.start(request({ seed: 6 }))).toMatchObject({ ok: true });
  return second;
}

describe("a process that resumes after another took its round over", () => {
  it("posts nothing more: no reveal, no next question, no standings", async () => {
    nowA = T0;
    first = await indexedTempApp({ clock: () => nowA });
    const posts: View[] = [];
    const runner = new QuizRunner({
      quiz: first.app.quiz,
      corpus: first.app.corpus,
      poster: {
        post: async (_channel, view) => {
          posts.push(view);
          return { edit: async () => {} };
        },
      },
      logger: pino({ level: "silent" }),
      options: { revealPauseMs: 0, tickMs: 5, retryPausesMs: [] },
    });
    expect(await runner.start(request(), async () => {})).toMatchObject({ ok: true });
    while (posts.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await takeOver();
    nowA += 30_000;
    await runner.whenFinished("c1");
    expect(posts).toHaveLength(1);
    expect(statuses(first)).toEqual([
      { id: 1, status: "interrupted" },
      { id: 2, status: "running" },
    ]);
  });

  it("cannot open, close, finish, stop or interrupt it: the ended status never goes back", async () => {
    nowA = T0;
    first = await indexedTempApp({ clock: () => nowA });
    const quiz = first.app.quiz;
    await quiz.start(request());
    await quiz.openNext("c1");
    await takeOver();
    expect(await quiz.closeCurrent("c1")).toBeUndefined();
    expect(await quiz.openNext("c1")).toBeUndefined();
    expect(await quiz.finish("c1")).toBeUndefined();
    expect(await quiz.stop("c1", { userId: "starter", canManageMessages: true })).toEqual({
      status: "no-round",
    });
    expect(await quiz.interrupt("c1")).toBe(false);
    expect(statuses(first)).toEqual([
      { id: 1, status: "interrupted" },
      { id: 2, status: "running" },
    ]);
    const posted = first.db.$client
      .prepare(
        "SELECT count(*) AS n FROM round_questions WHERE round_id = 1 AND posted_at IS NOT NULL",
      )
      .get();
    expect(posted).toEqual({ n: 1 });
  });

  it("keeps an ended status when the old owner's end write comes late", async () => {
    nowA = T0;
    first = await indexedTempApp({ clock: () => nowA });
    const quiz = first.app.quiz;
    await quiz.start(request());
    await quiz.openNext("c1");
    await quiz.closeCurrent("c1");
    await takeOver();
    expect(await quiz.finish("c1")).toBeUndefined();
    expect(statuses(first)[0]).toEqual({ id: 1, status: "interrupted" });
  });
});

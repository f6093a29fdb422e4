import type { Writable } from "node:stream";
import { PassThrough } from "node:stream";
import pino from "pino";
import { LocalConsole } from "../../src/console/console.ts";
import type { Db } from "../../src/db/client.ts";
import type { BotContext, CiteSession, ReviewSession } from "../../src/discord/context.ts";
import { QuizRunner } from "../../src/discord/quiz-runner.ts";
import { SessionStore } from "../../src/discord/sessions.ts";
import { QuizService } from "../../src/quiz/service.ts";
import { createCorpusSearch } from "../../src/search/searcher.ts";

/** A console over a real database, with a controllable clock and everything it prints. */
export function consoleHarness(db: Db, start = 1_800_000_000_000) {
  const clock = { now: start };
  const output = new PassThrough() as PassThrough & Writable;
  let printed = "";
  output.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const now = () => clock.now;
  const quiz = new QuizService(db, now);
  const local = new LocalConsole({ input: new PassThrough(), output }, now);
  const logger = pino({ level: "silent" });
  const runner = new QuizRunner({
    db,
    quiz,
    poster: local.poster,
    logger,
    options: { revealPauseMs: 5, tickMs: 5 },
  });
  const ctx: BotContext = {
    db,
    search: createCorpusSearch(db),
    quiz,
    runner,
    citeSessions: new SessionStore<CiteSession>(),
    reviewSessions: new SessionStore<ReviewSession>(),
    logger,
    config: { corpusDir: "corpus" },
    clock: now,
  };
  return {
    ctx,
    clock,
    local,
    type: (line: string, actor = { id: "u1", name: "Anna" }) => local.handle(ctx, actor, line),
    printed: () => printed,
    clear: () => {
      printed = "";
    },
  };
}

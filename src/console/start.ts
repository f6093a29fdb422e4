import { userInfo } from "node:os";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { BotContext, CiteSession, ReviewSession } from "../discord/context.ts";
import { QuizRunner } from "../discord/quiz-runner.ts";
import { SessionStore } from "../discord/sessions.ts";
import type { Logger } from "../logger.ts";
import type { QuizService } from "../quiz/service.ts";
import type { SearchIndex } from "../search/searcher.ts";
import { type ConsoleIo, LocalConsole } from "./console.ts";

/** Wires the console to the same handlers the bot uses and runs it until input ends. */
export async function startConsole(deps: {
  config: Config;
  db: Db;
  search: SearchIndex;
  quiz: QuizService;
  logger: Logger;
  io: ConsoleIo;
}): Promise<void> {
  const clock = Date.now;
  const console = new LocalConsole(deps.io, clock);
  const runner = new QuizRunner({
    db: deps.db,
    quiz: deps.quiz,
    poster: console.poster,
    logger: deps.logger,
  });
  const ctx: BotContext = {
    db: deps.db,
    search: deps.search,
    quiz: deps.quiz,
    runner,
    citeSessions: new SessionStore<CiteSession>(),
    reviewSessions: new SessionStore<ReviewSession>(),
    logger: deps.logger,
    config: deps.config,
    clock,
  };
  const name = userInfo().username || "you";
  try {
    await console.run(ctx, { id: `console:${name}`, name });
  } finally {
    runner.shutdown();
  }
}

import pino from "pino";
import { openApp } from "../../src/app.ts";
import { DEBIAN_LEXICONS, loadConfig } from "../../src/config.ts";
import type { KindChoice } from "../../src/quiz/types.ts";

/**
 * A shard-like process, used by the multi-process test and the benchmark: plays `rounds` rounds
 * of `questions` questions in its own channel, `users` users answering each question through
 * QuizService.answer, the code the quiz buttons use, as fast as it can. With `players` "shared"
 * every channel has the same users (their scores are written from several processes at once);
 * with "own" the users are the channel's own, as a shard's players are its guilds' own. Prints what it did as JSON, with its resident
 * memory at the end. Spawned with an IPC channel, it says "ready" once its app is open and waits
 * for "go", so that several workers answer at the same time, none while another is starting. With DATABASE_URL (and PG_POOL_SIZE …) in its environment the shared state is
 * on PostgreSQL, as the bot's would be; `dbPath` then holds only the search index.
 */
const [
  dbPath,
  channelId,
  usersArg,
  roundsArg,
  questionsArg = "5",
  kindArg = "mixed",
  players = "shared",
] = process.argv.slice(2) as [string, string, string, string, string?, string?, string?];
if (players !== "shared" && players !== "own") throw new Error(`players: ${players}`);
const userPrefix = players === "own" ? `${channelId}-user` : "user";
// Every user answers at once, as a burst of clicks does: the write queue commits them together.
const users = Number(usersArg);
const { postgres } = loadConfig(process.env, false);
const app = await openApp(
  {
    databasePath: dbPath,
    corpusDir: "corpus",
    lexicons: DEBIAN_LEXICONS,
    ...(postgres ? { postgres: { ...postgres, searchIndexPath: dbPath } } : {}),
  },
  { logger: pino({ level: "silent" }), refresh: false, recover: false },
);
const quiz = app.quiz;
const send = process.send?.bind(process);
if (send) {
  const go = new Promise((resolve) => process.once("message", resolve));
  send("ready");
  await go;
  process.disconnect();
}
let sent = 0;
let recorded = 0;
let questions = 0;
const t0 = performance.now();
const startedAt = performance.timeOrigin + t0;
for (let round = 0; round < Number(roundsArg); round++) {
  const started = await quiz.start({
    guildId: "load",
    channelId,
    starterId: "starter",
    count: Number(questionsArg),
    seed: round,
    kind: kindArg as KindChoice,
    lang: "de",
    seconds: 600,
  });
  if (!started.ok) throw new Error(`round did not start: ${started.reason}`);
  for (
    let opened = await quiz.openNext(channelId);
    opened;
    opened = await quiz.openNext(channelId)
  ) {
    questions++;
    const question = opened;
    const results = await Promise.all(
      Array.from({ length: users }, (_, u) => {
        const user = { userId: `${userPrefix}-${u}`, userName: `User ${u}` };
        // A mixed round has questions to type as well as to click.
        return question.question.kind === "typed"
          ? quiz.answerTyped(channelId, {
              ...user,
              text: `answer ${u}`,
              roundId: started.roundId,
              position: question.position,
            })
          : quiz.answer(channelId, {
              ...user,
              option: (u + question.position) % question.question.options.length,
            });
      }),
    );
    sent += users;
    recorded += results.filter((r) => r.status === "recorded").length;
    await quiz.closeCurrent(channelId);
  }
  await quiz.finish(channelId);
}
const ms = performance.now() - t0;
const endedAt = performance.timeOrigin + t0 + ms;
const rssBytes = process.memoryUsage().rss;
await app.close();
process.stdout.write(
  JSON.stringify({ channelId, sent, recorded, questions, ms, startedAt, endedAt, rssBytes }),
);

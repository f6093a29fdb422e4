import { openDatabase } from "../../src/db/client.ts";
import { QuizService } from "../../src/quiz/service.ts";

/**
 * A shard-like process for the multi-process test: plays `rounds` rounds in its own channel,
 * `users` users answering every question as fast as it can. Prints what it recorded as JSON.
 */
const [dbPath, channelId, usersArg, roundsArg] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const db = openDatabase(dbPath);
const quiz = new QuizService(db);
let recorded = 0;
let sent = 0;
for (let round = 0; round < Number(roundsArg); round++) {
  const started = quiz.start({
    guildId: "shared-guild",
    channelId,
    starterId: "starter",
    count: 5,
    seed: round,
    kind: "mixed",
    lang: "de",
    seconds: 600,
  });
  if (!started.ok) throw new Error(`round did not start: ${started.reason}`);
  for (let opened = quiz.openNext(channelId); opened; opened = quiz.openNext(channelId)) {
    for (let u = 0; u < Number(usersArg); u++) {
      sent++;
      const result = quiz.answer(channelId, {
        userId: `user-${u}`,
        userName: `User ${u}`,
        option: (u + opened.position) % opened.question.options.length,
      });
      if (result.status === "recorded") recorded++;
    }
    quiz.closeCurrent(channelId);
  }
  quiz.finish(channelId);
}
db.$client.close();
process.stdout.write(JSON.stringify({ channelId, sent, recorded }));

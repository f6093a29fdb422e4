import { openDatabase } from "../src/db/client.ts";
import { QuizService } from "../src/quiz/service.ts";

/**
 * Records answers as fast as it can through QuizService.answer, the code the quiz buttons use:
 * one round in its own channel, `questions` questions, `users` users each. Prints JSON.
 */
function main(): void {
  const [dbPath, channelId, usersArg, questionsArg] = process.argv.slice(2);
  const users = Number(usersArg);
  const db = openDatabase(dbPath as string);
  const quiz = new QuizService(db);
  const started = quiz.start({
    guildId: "bench",
    channelId: channelId as string,
    starterId: "bench",
    count: Number(questionsArg),
    seed: 1,
    kind: "mc",
    lang: "de",
    seconds: 600,
  });
  if (!started.ok) throw new Error(`could not start a round: ${started.reason}`);
  let recorded = 0;
  let refused = 0;
  const t0 = performance.now();
  for (
    let opened = quiz.openNext(channelId as string);
    opened;
    opened = quiz.openNext(channelId as string)
  ) {
    for (let u = 0; u < users; u++) {
      const result = quiz.answer(channelId as string, {
        userId: `${channelId}-user-${u}`,
        userName: `User ${u}`,
        option: (u + opened.position) % opened.question.options.length,
      });
      if (result.status === "recorded") recorded++;
      else refused++;
    }
    quiz.closeCurrent(channelId as string);
  }
  const ms = performance.now() - t0;
  quiz.finish(channelId as string);
  db.$client.close();
  process.stdout.write(
    JSON.stringify({ channelId, recorded, refused, ms, questions: started.questionCount }),
  );
}

main();

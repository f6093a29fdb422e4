import { userInfo } from "node:os";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { generateQuestions } from "../quiz/generate.ts";
import { QuizService, ROUND_LIMITS } from "../quiz/service.ts";
import { loadQuizClaims } from "../quiz/store.ts";
import { findPassage } from "../search/passages.ts";
import { playRound } from "./play.ts";

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The options of `npm run cli -- quiz`. */
export const QuizArgs = z.object({
  count: integer(1, 200).default(5),
  seed: integer(0, 2 ** 31 - 1).optional(),
  article: z.string().optional(),
  topic: z.string().optional(),
  kind: z.enum(["mc", "tf", "mixed"]).default("mixed"),
  lang: z.enum(["de", "en"]).default("de"),
  seconds: integer(ROUND_LIMITS.minSeconds, 600).default(30),
  json: z.boolean().default(false),
});
export type QuizArgs = z.infer<typeof QuizArgs>;

/** Prints the generated questions as JSON (with the right option and the citation), or plays them. */
export async function quizCommand(db: Db, args: QuizArgs): Promise<number> {
  const seed = args.seed ?? Math.floor(Math.random() * 2 ** 31);
  if (args.json) {
    const questions = generateQuestions(loadQuizClaims(db), { ...args, seed });
    const out = questions.map((q, position) => {
      const passage = findPassage(db, q.citation.passageId);
      return {
        position: position + 1,
        claim: q.claimId,
        kind: q.kind,
        lang: q.lang,
        question: q.prompt,
        options: q.options,
        correct: q.correctIndex,
        answer: q.options[q.correctIndex],
        citation: {
          article: q.citation.articleId,
          passage: q.citation.passageId,
          paragraph: passage?.paragraph ?? null,
          quote: q.citation.quote,
        },
      };
    });
    process.stdout.write(
      `${JSON.stringify({ seed, count: out.length, questions: out }, null, 2)}\n`,
    );
    return 0;
  }
  const quiz = new QuizService(db);
  quiz.recoverInterrupted();
  const name = userInfo().username || "you";
  return playRound(
    {
      db,
      quiz,
      input: process.stdin,
      output: process.stdout,
      player: { id: `local:${name}`, name },
    },
    { ...args, seed, guildId: "local", channelId: "terminal", starterId: `local:${name}` },
  );
}

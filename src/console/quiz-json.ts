import { z } from "zod";
import type { App } from "../app.ts";
import { DEFAULT_QUESTIONS, DEFAULT_SECONDS } from "../interactions/commands/quiz.ts";
import { texts } from "../interactions/i18n.ts";
import { ROUND_LIMITS } from "../quiz/round-types.ts";

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `quiz`: a round played as the console plays it, or (--json) up to 200 questions printed. */
export const QuizArgs = z
  .object({
    count: integer(1, 200).default(DEFAULT_QUESTIONS),
    seed: integer(0, 2 ** 31 - 1).optional(),
    article: z.string().optional(),
    topic: z.string().optional(),
    kind: z.enum(["mc", "tf", "typed", "mixed"]).default("mixed"),
    lang: z.enum(["de", "en"]).default("de"),
    seconds: integer(ROUND_LIMITS.minSeconds, ROUND_LIMITS.maxSeconds).default(DEFAULT_SECONDS),
    json: z.boolean().default(false),
  })
  .refine((a) => a.json || a.count <= ROUND_LIMITS.maxQuestions, {
    path: ["count"],
    message: `a round has at most ${ROUND_LIMITS.maxQuestions} questions (up to 200 with --json)`,
  });
export type QuizArgs = z.infer<typeof QuizArgs>;

/** The generated questions with the right option and the citation, as JSON. */
export function printQuestions(app: App, args: QuizArgs): void {
  const seed = args.seed ?? Math.floor(Math.random() * 2 ** 31);
  const questions = app.quiz.generate({ ...args, seed }).map((q, position) => ({
    position: position + 1,
    claim: q.claimId,
    kind: q.kind,
    lang: q.lang,
    question: q.prompt,
    options: q.options,
    correct: q.correctIndex,
    answer: q.options[q.correctIndex],
    ...(q.accepted ? { accepted: q.accepted } : {}),
    citation: {
      article: q.citation.articleId,
      passage: q.citation.passageId,
      paragraph: app.corpus.passage(q.citation.passageId)?.paragraph ?? null,
      quote: q.citation.quote,
    },
  }));
  process.stdout.write(
    `${JSON.stringify({ seed, count: questions.length, requested: args.count, questions }, null, 2)}\n`,
  );
  if (questions.length < args.count) {
    const scope = args.topic ? "topic" : args.article ? "article" : "choice";
    process.stderr.write(
      `${texts(args.lang).fewerQuestions(questions.length, args.count, scope)}\n`,
    );
  }
}

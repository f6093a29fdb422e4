import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";
import type { Db } from "../db/client.ts";
import type { QuizService, StartRequest } from "../quiz/service.ts";
import { sourceLine } from "../search/citation.ts";
import { findPassage } from "../search/passages.ts";
import {
  optionKeys,
  parseOptionKey,
  renderOwnResult,
  renderQuestion,
  renderReveal,
  renderStandings,
} from "./quiz-render.ts";

export interface PlayContext {
  readonly db: Db;
  readonly quiz: QuizService;
  readonly input: Readable;
  readonly output: Writable;
  readonly player: { readonly id: string; readonly name: string };
}

/**
 * A single-player round in the terminal: each question waits for a key (A–D, or T/F) until its
 * time is up, then the answer is revealed with the passage that proves it.
 */
export async function playRound(ctx: PlayContext, request: StartRequest): Promise<number> {
  const write = (text: string) => ctx.output.write(text);
  const started = ctx.quiz.start(request);
  if (!started.ok) {
    write(
      started.reason === "busy"
        ? "A round is already running here.\n"
        : "No questions match these filters.\n",
    );
    return 1;
  }
  const rl = createInterface({ input: ctx.input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  try {
    for (
      let opened = ctx.quiz.openNext(request.channelId);
      opened;
      opened = ctx.quiz.openNext(request.channelId)
    ) {
      write(`\n${renderQuestion(opened, request.lang)}`);
      const keys = optionKeys(opened.question.kind)
        .slice(0, opened.question.options.length)
        .join("/");
      for (;;) {
        write(`> (${keys}) `);
        const remaining = Math.max(0, opened.closesAt - Date.now());
        const line = await Promise.race([
          lines.next(),
          new Promise<"timeout">((resolve) => setTimeout(resolve, remaining, "timeout").unref()),
        ]);
        if (line === "timeout" || line.done) {
          write(line === "timeout" ? "\n(time is up)\n" : "\n");
          break;
        }
        const option = parseOptionKey(
          line.value,
          opened.question.kind,
          opened.question.options.length,
        );
        if (option === undefined) continue;
        const result = ctx.quiz.answer(request.channelId, {
          userId: ctx.player.id,
          userName: ctx.player.name,
          option,
        });
        if (result.status === "closed") write("(too late)\n");
        if (result.status === "recorded")
          write(renderOwnResult(result.correct, result.points, request.lang));
        break;
      }
      const reveal = ctx.quiz.closeCurrent(request.channelId);
      if (reveal) {
        const passage = findPassage(ctx.db, reveal.question.citation.passageId);
        write(
          renderReveal(
            reveal,
            request.lang,
            passage ? sourceLine(passage) : reveal.question.citation.passageId,
          ),
        );
      }
    }
    write(`\n${renderStandings(ctx.quiz.finish(request.channelId), request.lang)}`);
    return 0;
  } finally {
    rl.close();
  }
}

import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { SearchIndex } from "../search/searcher.ts";
import { ANSI_STYLE, MARKDOWN_STYLE, renderCitations } from "./render.ts";

export interface ConsoleContext {
  readonly index: SearchIndex;
  readonly input: Readable;
  readonly output: Writable & { isTTY?: boolean };
}

const HELP = `Commands:
  /cite <query>   the passages that back a claim, e.g. /cite erste Reihe Amtseinführung
  /help           this list
  /quit           leave (Ctrl-D works too)
A line without a leading / is searched as if it were /cite.`;

/** A line-based console over the same search the bot uses. Resolves when input ends or on /quit. */
export async function runConsole(ctx: ConsoleContext): Promise<void> {
  const style = ctx.output.isTTY ? ANSI_STYLE : MARKDOWN_STYLE;
  const rl = createInterface({ input: ctx.input, output: ctx.output, terminal: false });
  const write = (text: string) => ctx.output.write(text.endsWith("\n") ? text : `${text}\n`);
  write(`Beleg console. ${HELP}`);
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "") continue;
    const [command = "", ...args] = line.startsWith("/")
      ? line.slice(1).split(/\s+/)
      : ["cite", line];
    const argText = line.startsWith("/") ? args.join(" ") : line;
    if (command === "quit" || command === "exit") break;
    if (command === "help") write(HELP);
    else if (command === "cite") {
      if (argText === "") write("Usage: /cite <query>");
      else write(renderCitations(ctx.index.search(argText, { limit: 3 }), style));
    } else write(`Unknown command /${command}. ${HELP}`);
  }
  rl.close();
}

import { COMMANDS } from "../interactions/commands/index.ts";
import type { Command } from "../interactions/context.ts";
import type { OptionValue } from "../interactions/request.ts";

export interface ParsedCommand {
  readonly command: Command;
  readonly subcommand?: string;
  readonly options: Record<string, OptionValue>;
}

const named = (spec: { name: string; nameDe: string }, word: string) =>
  spec.name === word || spec.nameDe === word;

/** A typed value as its option's type: "2025" stays text for a text option ("/cite 2025"). */
function typed(value: string, type: string | undefined): OptionValue {
  if (type === "string" || type === "channel") return value;
  if (/^\d{1,9}$/.test(value)) return Number(value);
  if (value === "true" || value === "false") return value === "true";
  return value;
}

/** Reads `name:value` options and plain words (which fill the command's console arguments). */
export function parseConsoleCommand(line: string): ParsedCommand | string {
  const [head = "", ...words] = line.slice(1).trim().split(/\s+/);
  // Message commands need a chat message to stand on: the console has none.
  const command = COMMANDS.find((c) => c.data.kind !== "message" && named(c.data, head));
  if (!command) return `Unknown command /${head}.`;
  let subcommand: string | undefined;
  const subcommands = command.data.subcommands ?? [];
  if (subcommands.length > 0) {
    const chosen = subcommands.find((s) => named(s, words[0] ?? ""));
    if (chosen) words.shift();
    subcommand = (chosen ?? subcommands[0])?.name;
  }
  const specs = [
    ...(command.data.options ?? []),
    ...(subcommands.find((s) => s.name === subcommand)?.options ?? []),
  ];
  const options: Record<string, OptionValue> = {};
  const plain: string[] = [];
  // A text option takes the words that follow it up to the next name ("query:Golden Dome").
  let text: string | undefined;
  for (const word of words) {
    const option = /^([a-zäöü_]+)[:=](.*)$/.exec(word);
    const spec = option ? specs.find((s) => named(s, option[1] as string)) : undefined;
    if (option) {
      const name = spec?.name ?? (option[1] as string);
      options[name] = typed(option[2] as string, spec?.type);
      text = spec?.type === "string" ? name : undefined;
    } else if (text !== undefined) options[text] = `${options[text]} ${word}`;
    else plain.push(word);
  }
  command.consoleArgs.forEach((name, i) => {
    const last = i === command.consoleArgs.length - 1;
    const value = last ? plain.slice(i).join(" ") : plain[i];
    if (value && options[name] === undefined)
      options[name] = typed(value, specs.find((s) => s.name === name)?.type);
  });
  return subcommand ? { command, subcommand, options } : { command, options };
}

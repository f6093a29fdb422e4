import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { COMMANDS } from "../discord/commands/index.ts";
import { handleComponent } from "../discord/components.ts";
import type {
  Actor,
  BotContext,
  ChannelPoster,
  Command,
  OptionValue,
  Responder,
} from "../discord/context.ts";
import type { MessageView } from "../discord/render/view.ts";
import type { Lang } from "../quiz/types.ts";
import { buttonsOf, type ConsoleButton, viewToText } from "./render-view.ts";

export interface ConsoleIo {
  readonly input: Readable;
  readonly output: Writable & { isTTY?: boolean };
}

export const CONSOLE_CHANNEL = "console";
const CONSOLE_GUILD = "console";

const HELP = `Commands as in Discord, for example:
  /cite erste Reihe Amtseinführung        /cite query:Golden Dome results:5
  /source bezos-statt-musk 5              /quiz start questions:3 seconds:15 kind:mc
  /quiz stop   /leaderboard   /stats   /review   /help
Press a button by typing its key (A–D, T/F, 1–3). /lang en|de switches the language, /quit leaves.`;

export interface ParsedCommand {
  readonly command: Command;
  readonly subcommand?: string;
  readonly options: Record<string, OptionValue>;
}

/** Reads `name:value` options and plain words (which fill the command's console arguments). */
export function parseConsoleCommand(line: string): ParsedCommand | string {
  const [head = "", ...words] = line.slice(1).trim().split(/\s+/);
  const command = COMMANDS.find(
    (c) => c.data.name === head || Object.values(c.data.name_localizations ?? {}).includes(head),
  );
  if (!command) return `Unknown command /${head}.`;
  let subcommand: string | undefined;
  const subcommands = (command.data.options ?? []).filter((o) => o.type === 1).map((o) => o.name);
  if (subcommands.length > 0) {
    subcommand = subcommands.includes(words[0] ?? "") ? words.shift() : subcommands[0];
  }
  const options: Record<string, OptionValue> = {};
  const plain: string[] = [];
  for (const word of words) {
    const named = /^([a-z_]+)[:=](.*)$/.exec(word);
    if (named) options[named[1] as string] = typed(named[2] as string);
    else plain.push(word);
  }
  command.consoleArgs.forEach((name, i) => {
    const last = i === command.consoleArgs.length - 1;
    const value = last ? plain.slice(i).join(" ") : plain[i];
    if (value && options[name] === undefined) options[name] = typed(value);
  });
  return subcommand ? { command, subcommand, options } : { command, options };
}

function typed(value: string): OptionValue {
  if (/^\d{1,9}$/.test(value)) return Number(value);
  if (value === "true" || value === "false") return value === "true";
  return value;
}

/**
 * The local console: the bot's own commands and buttons, answered in the terminal. Every message
 * (replies and quiz posts alike) is printed as text, and its buttons get keys to type.
 */
export class LocalConsole {
  private buttons: ConsoleButton[] = [];
  private lang: Lang = "de";
  private readonly bold: [string, string];

  constructor(
    private readonly io: ConsoleIo,
    private readonly clock: () => number,
  ) {
    this.bold = io.output.isTTY ? ["\u001b[1m", "\u001b[22m"] : ["**", "**"];
  }

  private show(view: MessageView): void {
    this.io.output.write(`${viewToText(view, this.clock(), this.bold)}\n`);
    const pressable = buttonsOf(view);
    if (pressable.length > 0) this.buttons = pressable;
  }

  /** Quiz messages go to the terminal; closing a question (an edit) stays quiet. */
  readonly poster: ChannelPoster = {
    post: async (_channelId, view) => {
      this.show(view);
      return { edit: async () => {} };
    },
  };

  private readonly respond: Responder = {
    defer: async () => {},
    reply: async (view) => this.show(view),
    update: async (view) => this.show(view),
    followUp: async (view) => this.show(view),
  };

  /** Handles one typed line; false when the user wants to leave. */
  async handle(ctx: BotContext, actor: Actor, raw: string): Promise<boolean> {
    const line = raw.trim();
    if (line === "") return true;
    if (line === "/quit" || line === "/exit") return false;
    const base = {
      actor,
      guildId: CONSOLE_GUILD,
      channelId: CONSOLE_CHANNEL,
      lang: this.lang,
      canManageMessages: true,
    };
    if (line.startsWith("/lang")) {
      this.lang = line.endsWith("en") ? "en" : "de";
      this.io.output.write(`Language: ${this.lang}\n`);
      return true;
    }
    const pressed = this.buttons.find((b) => b.key.toLowerCase() === line.toLowerCase());
    try {
      if (pressed) {
        await handleComponent(ctx, { ...base, customId: pressed.customId }, this.respond);
      } else if (line.startsWith("/")) {
        const parsed = parseConsoleCommand(line);
        if (typeof parsed === "string") this.io.output.write(`${parsed}\n${HELP}\n`);
        else {
          const request = {
            ...base,
            command: parsed.command.data.name,
            subcommand: parsed.subcommand,
            options: parsed.options,
          };
          await parsed.command.execute(ctx, request, this.respond);
        }
      } else {
        const cite = COMMANDS.find((c) => c.data.name === "cite") as Command;
        await cite.execute(
          ctx,
          { ...base, command: "cite", options: { query: line } },
          this.respond,
        );
      }
    } catch (error) {
      ctx.logger.error({ err: error, line }, "console command failed");
      this.io.output.write("Something went wrong; see the log.\n");
    }
    return true;
  }

  /** Reads lines until the input ends or /quit. */
  async run(ctx: BotContext, actor: Actor): Promise<void> {
    this.io.output.write(`Beleg console. ${HELP}\n\n`);
    const rl = createInterface({ input: this.io.input, terminal: false });
    for await (const line of rl) {
      if (!(await this.handle(ctx, actor, line))) break;
    }
    rl.close();
  }
}

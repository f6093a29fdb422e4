import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { handleComponent } from "../interactions/buttons/index.ts";
import { type RoundSettings, startRound } from "../interactions/commands/quiz.ts";
import type { InteractionContext } from "../interactions/context.ts";
import { handleForm } from "../interactions/forms/index.ts";
import { texts } from "../interactions/i18n.ts";
import type { Actor, ChannelPoster, RequestBase, Responder } from "../interactions/request.ts";
import { pictureTexts } from "../interactions/texts/pictures.ts";
import type { Form, Picture, View } from "../interactions/view.ts";
import type { PictureRenderer } from "../pictures/render.ts";
import type { Lang } from "../quiz/types.ts";
import { parseConsoleCommand } from "./parse.ts";
import {
  type KeyedButton,
  keyedButtons,
  styleFor,
  type TextStyle,
  terminalSafe,
  viewText,
} from "./text.ts";

export interface ConsoleIo {
  readonly input: Readable;
  readonly output: Writable & { isTTY?: boolean };
}

/** Where the console saves the pictures of messages, and what draws them. */
export interface ConsolePictures {
  readonly dir: string;
  readonly renderer: PictureRenderer;
}

/** The console is one server with one channel. */
const CONSOLE_CHANNEL = "console";
const CONSOLE_GUILD = "console";

const HELP = `Commands as in Discord, for example:
  /cite erste Reihe Amtseinführung        /cite query:Golden Dome results:5
  /source bezos-statt-musk 5              /quiz start questions:3 seconds:15 kind:mc
  /quiz stop   /leaderboard   /stats   /review   /help
Press a button by typing its key (A–D, T/F, 1–3) and Enter; after a question to type, type the
answer and Enter. /lang en|de switches the language, /quit leaves.`;

/** A typed line that can only be meant as an answer key (A–F, T/F). */
const ANSWER_KEY = /^[a-ft]$/i;

/**
 * The local console: the bot's own commands and buttons, answered in the terminal. Every message
 * (replies and quiz posts alike) is printed as text, and its buttons get keys to type.
 */
export class LocalConsole {
  private buttons: KeyedButton[] = [];
  private lang: Lang = "de";
  private readonly style: TextStyle;
  private buttonsShown: () => void = () => {};
  /** A form being filled in: the next typed lines are its fields, in order. */
  private form: { readonly form: Form; readonly values: Record<string, string> } | undefined;
  /** Pictures saved so far: numbers the files, so two in one second never share a name. */
  private saved = 0;

  constructor(
    private readonly io: ConsoleIo,
    private readonly clock: () => number,
    private readonly pictures: ConsolePictures,
  ) {
    this.style = styleFor(io.output);
  }

  /**
   * A message's picture is drawn and saved as a PNG whose path is printed under the text (the
   * text itself is complete without it). `leaderboard.png` becomes
   * `<dir>/leaderboard-2026-12-07T08-45-12-1.png`.
   */
  private async savePicture(picture: Picture): Promise<void> {
    const p = pictureTexts(this.lang);
    try {
      const data = await this.pictures.renderer.render(picture.chart);
      const stamp = new Date(this.clock()).toISOString().slice(0, 19).replace(/:/g, "-");
      const base = picture.name.replace(/\.png$/, "");
      const path = join(this.pictures.dir, `${base}-${stamp}-${++this.saved}.png`);
      await mkdir(this.pictures.dir, { recursive: true });
      await writeFile(path, data);
      this.io.output.write(`${terminalSafe(p.saved(path))}\n`);
    } catch {
      this.io.output.write(`${p.notDrawn}\n`);
    }
  }

  /**
   * A message's buttons take the keys of the last message of their sort: a question's answers
   * (A–D, T/F) stay pressable while a /cite shows its numbered buttons, and the other way round.
   */
  private async show(view: View): Promise<void> {
    this.io.output.write(`${viewText(view, this.style, this.clock())}\n`);
    if (view.picture) await this.savePicture(view.picture);
    const pressable = keyedButtons(view);
    if (pressable.length === 0) return;
    const answers = pressable.some((b) => b.answer);
    this.buttons = [...this.buttons.filter((b) => b.answer !== answers), ...pressable];
    if (answers) {
      const t = texts(this.lang);
      const typed = pressable.some((b) => b.byText);
      this.io.output.write(`${typed ? t.consoleTypedAnswer : t.consoleAnswerKeys}\n`);
      this.buttonsShown();
    }
  }

  /** Quiz messages go to the terminal; closing a question (an edit) stays quiet. */
  readonly poster: ChannelPoster = {
    post: async (_channelId, view) => {
      await this.show(view);
      return { edit: async () => {} };
    },
  };

  private readonly respond: Responder = {
    defer: async () => {},
    reply: async (view) => this.show(view),
    update: async (view) => this.show(view),
    followUp: async (view) => this.show(view),
    showForm: async (form) => {
      this.form = { form, values: {} };
      this.promptField();
    },
  };

  /** The open form's next field to fill, if a form is open. */
  private nextField() {
    const open = this.form;
    return open?.form.fields.find((f) => !(f.id in open.values));
  }

  /** Asks for the next field of the open form. */
  private promptField(): void {
    const field = this.nextField();
    if (this.form && field) this.io.output.write(`› ${this.form.form.title} — ${field.label}\n`);
  }

  /** A typed line fills the open form's next field; the form is sent once every field is in. */
  private async fillForm(ctx: InteractionContext, actor: Actor, line: string): Promise<void> {
    const open = this.form;
    if (!open) return;
    const field = this.nextField();
    if (field) open.values[field.id] = line.slice(0, field.maxLength);
    if (open.form.fields.some((f) => !(f.id in open.values))) return this.promptField();
    this.form = undefined;
    await handleForm(
      ctx,
      { ...this.base(actor), customId: open.form.customId, fields: open.values },
      this.respond,
    );
  }

  private base(actor: Actor): RequestBase {
    return {
      actor,
      guildId: CONSOLE_GUILD,
      channelId: CONSOLE_CHANNEL,
      lang: this.lang,
      // The console's one user runs this bot and owns its database: the server's moderator and
      // librarian, or a proposal made here could never be reviewed.
      canManageMessages: true,
      canManageGuild: true,
      alone: true,
    };
  }

  /** Handles one typed line; false when the user wants to leave. */
  async handle(ctx: InteractionContext, actor: Actor, raw: string): Promise<boolean> {
    const line = raw.trim();
    // An empty line is nothing, except where a form's optional field may be left empty.
    if (line === "" && !this.nextField()?.optional) return true;
    if (line === "/quit" || line === "/exit") return false;
    if (line.startsWith("/lang")) {
      this.lang = line.endsWith("en") ? "en" : "de";
      this.io.output.write(`Language: ${this.lang}\n`);
      return true;
    }
    const pressed = this.buttons.find((b) => b.key.toLowerCase() === line.toLowerCase());
    // A command leaves an open form unsent; anything else is what the form asked for.
    if (this.form && line.startsWith("/")) this.form = undefined;
    const byText = this.buttons.find((b) => b.byText);
    try {
      if (this.form) await this.fillForm(ctx, actor, line);
      else if (byText && !pressed && !line.startsWith("/"))
        await this.answerByText(ctx, actor, byText, line);
      else if (pressed) {
        await handleComponent(
          ctx,
          { ...this.base(actor), customId: pressed.customId },
          this.respond,
        );
      } else if (line.startsWith("/")) {
        const parsed = parseConsoleCommand(line);
        if (typeof parsed === "string") this.io.output.write(`${terminalSafe(parsed)}\n${HELP}\n`);
        else {
          const request = {
            ...this.base(actor),
            command: parsed.command.data.name,
            subcommand: parsed.subcommand,
            options: parsed.options,
          };
          await parsed.command.execute(ctx, request, this.respond);
        }
      } else {
        this.io.output.write(`${terminalSafe(texts(this.lang).consoleNotACommand(line))}\n`);
      }
    } catch (error) {
      ctx.logger.error({ err: error, line }, "console command failed");
      this.io.output.write("Something went wrong; see the log.\n");
    }
    return true;
  }

  /**
   * A line typed while a question to type is open is its answer: the answer form is opened and
   * filled at once, as if its key had been pressed first.
   */
  private async answerByText(
    ctx: InteractionContext,
    actor: Actor,
    button: KeyedButton,
    line: string,
  ): Promise<void> {
    await handleComponent(
      ctx,
      { ...this.base(actor), customId: button.customId },
      {
        ...this.respond,
        showForm: async (form) => {
          this.form = { form, values: {} };
        },
      },
    );
    this.buttons = this.buttons.filter((b) => !b.answer);
    await this.fillForm(ctx, actor, line);
  }

  /** Reads lines until the input ends or /quit. */
  async run(ctx: InteractionContext, actor: Actor): Promise<void> {
    this.io.output.write(`Beleg console. ${HELP}\n\n`);
    const rl = createInterface({ input: this.io.input, terminal: false });
    for await (const line of rl) {
      if (!(await this.handle(ctx, actor, line))) break;
    }
    rl.close();
  }

  /**
   * One round in the terminal (`cli quiz`): typed keys and answers answer the questions in
   * order, so one typed before its question is shown waits for it. Resolves with the exit code.
   */
  async playRound(
    ctx: InteractionContext,
    actor: Actor,
    lang: Lang,
    settings: RoundSettings,
  ): Promise<number> {
    this.lang = lang;
    const guildId = CONSOLE_GUILD;
    if (!(await startRound(ctx, { ...this.base(actor), guildId }, settings, this.respond)))
      return 1;
    const finished = ctx.runner.whenFinished(CONSOLE_CHANNEL).then(() => "finished" as const);
    const rl = createInterface({ input: this.io.input, terminal: false });
    const lines = rl[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await Promise.race([lines.next(), finished]);
        if (next === "finished" || next.done) break;
        const line = next.value.trim();
        // A key, or a typed answer, sent before its question is shown waits for it.
        const key = ANSWER_KEY.test(line);
        const waiting = !this.form && line !== "" && (key || !line.startsWith("/"));
        const ready = key
          ? this.buttons.some((b) => b.key === line.toUpperCase())
          : this.buttons.some((b) => b.answer);
        if (waiting && !ready) {
          const shown = new Promise<void>((resolve) => {
            this.buttonsShown = resolve;
          });
          if ((await Promise.race([shown, finished])) === "finished") break;
        }
        const answering = this.buttons.some((b) => b.answer && b.key === line.toUpperCase());
        await this.handle(ctx, actor, line);
        // One answer per question: the next answer key belongs to the next question.
        if (answering) this.buttons = this.buttons.filter((b) => !b.answer);
      }
      await finished;
      return 0;
    } finally {
      rl.close();
    }
  }
}

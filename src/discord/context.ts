import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { Logger } from "../logger.ts";
import type { QuizService } from "../quiz/service.ts";
import type { Lang } from "../quiz/types.ts";
import type { SearchIndex, SearchResult } from "../search/searcher.ts";
import type { QuizRunner } from "./quiz-runner.ts";
import type { MessageView } from "./render/view.ts";
import type { SessionStore } from "./sessions.ts";

export interface CiteSession {
  readonly userId: string;
  readonly query: string;
  readonly results: readonly SearchResult[];
}

export interface ReviewSession {
  readonly userId: string;
  readonly questions: readonly import("../quiz/types.ts").Question[];
  answered: number;
  correct: number;
}

/** Everything a handler may use, passed in (no module globals). */
export interface BotContext {
  readonly db: Db;
  readonly search: SearchIndex;
  readonly quiz: QuizService;
  readonly runner: QuizRunner;
  readonly citeSessions: SessionStore<CiteSession>;
  readonly reviewSessions: SessionStore<ReviewSession>;
  readonly logger: Logger;
  readonly config: Pick<Config, "corpusDir">;
  readonly clock: () => number;
}

export interface Actor {
  readonly id: string;
  /** Display name: shown in reveals and standings, never as a mention. */
  readonly name: string;
}

/** Who asks, where, in which language: the same for slash commands, buttons and the console. */
export interface RequestBase {
  readonly actor: Actor;
  readonly guildId: string | null;
  readonly channelId: string;
  readonly lang: Lang;
  readonly canManageMessages: boolean;
}

export type OptionValue = string | number | boolean | undefined;

export interface CommandRequest extends RequestBase {
  readonly command: string;
  readonly subcommand?: string | undefined;
  readonly options: Readonly<Record<string, OptionValue>>;
}

export interface ComponentRequest extends RequestBase {
  readonly customId: string;
}

export interface AutocompleteRequest {
  readonly command: string;
  readonly option: string;
  readonly value: string;
  readonly lang: Lang;
}

export interface Choice {
  readonly name: string;
  readonly value: string;
}

/** Answers one interaction; Discord and the console implement it. */
export interface Responder {
  /** Acknowledge now, answer later (Discord's 3-second deadline). */
  defer(ephemeral: boolean): Promise<void>;
  /** The answer (or, after defer, the edited answer). */
  reply(view: MessageView): Promise<void>;
  /** For buttons: replace the message the button sits on. */
  update(view: MessageView): Promise<void>;
  /** One more message after the answer. */
  followUp(view: MessageView): Promise<void>;
}

export interface PostedMessage {
  edit(view: MessageView): Promise<void>;
}

/** Posts messages to a channel on its own (quiz questions, reveals, standings). */
export interface ChannelPoster {
  post(channelId: string, view: MessageView): Promise<PostedMessage>;
}

export interface Command {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Options the console fills from plain words after the command, in order. */
  readonly consoleArgs: readonly string[];
  execute(ctx: BotContext, request: CommandRequest, respond: Responder): Promise<void>;
  autocomplete?(ctx: BotContext, request: AutocompleteRequest): Choice[];
}

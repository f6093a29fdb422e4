import type { Lang } from "../quiz/types.ts";
import type { Form, View } from "./view.ts";

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
  /** Manage Server: may manage the server's library (as may the role the server sets). */
  readonly canManageGuild?: boolean;
  /** The member's roles in this server. */
  readonly roleIds?: readonly string[];
  /** Nobody else can answer here (the console): quiz questions close once this user answered. */
  readonly alone?: boolean;
  /** What the bot may do in this channel, as Discord reports it; unknown in the console. */
  readonly botAccess?: ChannelAccess | undefined;
}

export interface ChannelAccess {
  readonly view: boolean;
  readonly send: boolean;
  readonly embed: boolean;
}

export type OptionValue = string | number | boolean | undefined;

/** A file attached to a command (an option of type attachment), as Discord describes it. */
export interface Attachment {
  readonly name: string;
  readonly url: string;
  readonly size: number;
}

export interface CommandRequest extends RequestBase {
  readonly command: string;
  readonly subcommand?: string | undefined;
  readonly options: Readonly<Record<string, OptionValue>>;
  /** Attachment options, by option name. */
  readonly attachments?: Readonly<Record<string, Attachment>>;
  /** The message a message command was used on (its text arrives with the interaction). */
  readonly target?: { readonly content: string } | undefined;
}

export interface ComponentRequest extends RequestBase {
  readonly customId: string;
}

/** A filled-in form: its custom id and the text of each field, by field id. */
export interface FormRequest extends RequestBase {
  readonly customId: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface AutocompleteRequest {
  readonly command: string;
  readonly subcommand?: string | undefined;
  readonly guildId: string | null;
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
  reply(view: View): Promise<void>;
  /** For buttons: replace the message the button sits on. */
  update(view: View): Promise<void>;
  /** One more message after the answer. */
  followUp(view: View): Promise<void>;
  /** For buttons and commands, as their first answer: ask for text in a form. */
  showForm(form: Form): Promise<void>;
}

export interface PostedMessage {
  /** The message's id, where the front end has one. */
  readonly id?: string;
  edit(view: View): Promise<void>;
}

export interface PostOptions {
  /**
   * Posting again with the same nonce shortly after returns the message already posted instead
   * of a second one (Discord's enforce_nonce): a post retried after a crash is not doubled.
   */
  readonly nonce?: string;
}

/** Posts messages to a channel on its own (quiz questions, reveals, standings). */
export interface ChannelPoster {
  post(channelId: string, view: View, options?: PostOptions): Promise<PostedMessage>;
}

/** A post refused for good: the channel is gone, or the bot may not post there. */
export class PostRefused extends Error {
  constructor(readonly reason: "channel-gone" | "no-permission") {
    super(`post refused: ${reason}`);
  }
}

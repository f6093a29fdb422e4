/** A command's name, options and texts as plain data: Discord registers it, the console parses by it. */

export interface Localized {
  readonly en: string;
  readonly de: string;
}

export type OptionType =
  | "string"
  | "integer"
  | "boolean"
  | "user"
  | "role"
  | "attachment"
  /** A text channel of the server; its id arrives as the value. */
  | "channel";

export interface OptionSpec {
  readonly name: string;
  readonly nameDe: string;
  readonly description: Localized;
  readonly type: OptionType;
  readonly required?: boolean;
  readonly minValue?: number;
  readonly maxValue?: number;
  readonly maxLength?: number;
  readonly choices?: readonly { readonly value: string; readonly name: Localized }[];
  readonly autocomplete?: boolean;
}

export interface SubcommandSpec {
  readonly name: string;
  readonly nameDe: string;
  readonly description: Localized;
  readonly options?: readonly OptionSpec[];
}

export interface CommandSpec {
  readonly name: string;
  readonly nameDe: string;
  /** Shown for slash commands; a message command (right-click on a message) has none. */
  readonly description: Localized;
  /** `slash`: typed as /name; `message`: on a message's context menu ("Apps"). */
  readonly kind?: "slash" | "message";
  /**
   * `guild`: only in servers the bot is a member of; `anywhere`: also installed to a user's
   * account, in any server, DMs and group DMs.
   */
  readonly where: "guild" | "anywhere";
  readonly options?: readonly OptionSpec[];
  readonly subcommands?: readonly SubcommandSpec[];
}

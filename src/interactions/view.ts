import type { Chart } from "../pictures/charts.ts";

/**
 * What the bot says, as plain data. Commands and buttons build views; each front end renders them
 * its own way (Discord payloads within Discord's limits, terminal text). Text is kept raw here:
 * escaping user and corpus text is the renderer's job, so nothing echoed can format itself.
 */

/**
 * A piece of text: plain (shown as typed), bold, code, a moment in time, a quoted block, or a
 * web address from the corpus's own metadata (the only text that may become a link).
 */
export type Inline =
  | string
  | { readonly bold: string }
  | { readonly code: string }
  | { readonly time: number }
  | { readonly link: string }
  /** A channel of the server by id: Discord shows its name (a channel mention pings nobody). */
  | { readonly channel: string }
  | { readonly quote: readonly Inline[] };

/** Plain text, or a run of pieces. */
export type Text = string | readonly Inline[];

export type Colour = "cite" | "quiz" | "right" | "info" | "warn";

export interface Field {
  readonly name: string;
  readonly value: Text;
  readonly inline?: boolean;
}

/** A framed block: Discord shows it as an embed, the console as a framed paragraph. */
export interface Card {
  readonly colour: Colour;
  readonly title?: Text;
  readonly body?: Text;
  readonly fields?: readonly Field[];
  readonly footer?: string;
}

export type ButtonStyle = "primary" | "secondary" | "success" | "danger";

export interface Button {
  readonly customId: string;
  readonly label: string;
  readonly style: ButtonStyle;
  readonly disabled?: boolean;
  /** The key the console binds it to (A–D, T/F for answers); numbered when absent. */
  readonly key?: string;
  /** It opens a form for a typed answer: the console takes a typed line as that answer. */
  readonly answersByText?: boolean;
}

/** A file sent with a message (a library export, a drawn picture). */
export interface ViewFile {
  readonly name: string;
  readonly data: Uint8Array;
  /** What the file shows, for screen readers (Discord's attachment description). */
  readonly description?: string;
}

/**
 * A chart sent as a PNG beside the message's text, which stays complete without it. The front
 * end draws it (src/pictures) and sends it as `name` with `alt` as its description.
 */
export interface Picture {
  readonly name: string;
  readonly chart: Chart;
  readonly alt: string;
}

/** One message. */
export interface View {
  readonly files?: readonly ViewFile[];
  readonly picture?: Picture;
  readonly content?: Text;
  readonly cards?: readonly Card[];
  readonly buttons?: readonly (readonly Button[])[];
  /** Only the user who asked sees it. */
  readonly ephemeral?: boolean;
}

/** One text box of a form. */
export interface FormField {
  readonly id: string;
  readonly label: string;
  /** One line, or several. */
  readonly long: boolean;
  readonly maxLength: number;
  readonly placeholder?: string;
  /** Text the field starts with. */
  readonly value?: string;
  /** May be left empty. */
  readonly optional?: boolean;
}

/** A form that asks for text (Discord shows it as a modal, the console as prompts). */
export interface Form {
  readonly customId: string;
  readonly title: string;
  readonly fields: readonly FormField[];
}

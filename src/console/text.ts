import type { Inline, Text, View } from "../interactions/view.ts";

/** How bold text is marked: ANSI on a terminal, `**` when the output is a file or pipe. */
export interface TextStyle {
  readonly boldOpen: string;
  readonly boldClose: string;
}

const MARKDOWN_STYLE: TextStyle = { boldOpen: "**", boldClose: "**" };
const ANSI_STYLE: TextStyle = { boldOpen: "\u001b[1m", boldClose: "\u001b[22m" };

export function styleFor(output: { isTTY?: boolean }): TextStyle {
  return output.isTTY ? ANSI_STYLE : MARKDOWN_STYLE;
}

/**
 * Control characters (terminal escapes, bidirectional overrides) removed from echoed text: a
 * hostile name or reason must not move the cursor, recolour the terminal or reorder a line.
 */
const CONTROL = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
const KEPT = new Set(["\n", "\t"]);

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => (KEPT.has(c) ? c : ""));
}

/**
 * A moment as the time until it, as Discord's relative timestamps show it, in units German and
 * English write alike: seconds up to two minutes, minutes up to two hours, then hours.
 */
export function untilText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return `in ${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `in ${hours} h` : `in ${hours} h ${rest} min`;
}

function inlineText(inline: Inline, style: TextStyle, now: number): string {
  if (typeof inline === "string") return terminalSafe(inline);
  if ("bold" in inline) return `${style.boldOpen}${terminalSafe(inline.bold)}${style.boldClose}`;
  if ("code" in inline) return terminalSafe(inline.code);
  if ("time" in inline) return untilText(inline.time - now);
  if ("link" in inline) return terminalSafe(inline.link);
  if ("channel" in inline) return `#${terminalSafe(inline.channel)}`;
  return `»${plainText(inline.quote, style, now)}«`;
}

/** View text as terminal text. */
export function plainText(text: Text, style: TextStyle, now: number): string {
  return typeof text === "string"
    ? terminalSafe(text)
    : text.map((i) => inlineText(i, style, now)).join("");
}

/** A pressable button and the key that presses it. */
export interface KeyedButton {
  readonly key: string;
  readonly customId: string;
  readonly label: string;
  /** An answer option: its key is the view's own (A–D, T/F). */
  readonly answer: boolean;
  /** It opens the form of a typed answer: any typed line answers. */
  readonly byText: boolean;
}

/** The enabled buttons of a view with their keys: the view's own, or numbers. */
export function keyedButtons(view: View): KeyedButton[] {
  const keyed: KeyedButton[] = [];
  let number = 0;
  for (const row of view.buttons ?? []) {
    for (const b of row) {
      if (b.disabled) continue;
      keyed.push({
        key: b.key ?? String(++number),
        customId: b.customId,
        label: terminalSafe(b.label),
        answer: b.key !== undefined,
        byText: b.answersByText === true,
      });
    }
  }
  return keyed;
}

/** A view as terminal text: content, cards (title, text, fields, footer), buttons with keys. */
export function viewText(view: View, style: TextStyle, now: number): string {
  const text = (t: Text) => plainText(t, style, now);
  const framed = (t: string) => t.split("\n").map((line) => `┃ ${line}`);
  const lines: string[] = [];
  if (view.content) lines.push(text(view.content));
  for (const card of view.cards ?? []) {
    if (card.title) lines.push(...framed(`${style.boldOpen}${text(card.title)}${style.boldClose}`));
    if (card.body) lines.push(...framed(text(card.body)));
    for (const f of card.fields ?? [])
      lines.push(...framed(`${terminalSafe(f.name)}: ${text(f.value)}`));
    if (card.footer) lines.push(...framed(`— ${terminalSafe(card.footer)}`));
  }
  // The console shows that a file came with the message; it is sent only in Discord.
  for (const file of view.files ?? [])
    lines.push(`📎 ${terminalSafe(file.name)} (${file.data.byteLength} bytes)`);
  const buttons = keyedButtons(view);
  if (buttons.length > 0) lines.push(buttons.map((b) => `[${b.key}] ${b.label}`).join("   "));
  return `${lines.join("\n")}\n`;
}

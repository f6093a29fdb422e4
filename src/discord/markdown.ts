import { time } from "discord.js";
import type { Inline, Text } from "../interactions/view.ts";

/** Characters that format text wherever they stand. */
const INLINE_MARKS = /[\\*_~|`<[\]]/g;
/** Marks that format a line when they start it: quotes, headings, subtext, lists. */
const LINE_MARKS = /^([ \t]*)([>#+-]|\d+\.)/gm;

/**
 * User or corpus text as Discord shows it, as typed: every markdown mark escaped (masked links,
 * headings, lists, quotes and subtext included), mentions and timestamps shown as text, and a
 * URL's scheme broken by a zero-width space so no echoed text can become a link. discord.js'
 * escapeMarkdown leaves some underline runs unescaped when inline code follows in the same text
 * (found by the property test in test/unit/markdown.test.ts), so the escaping is done here.
 */
function escapeText(text: string): string {
  return unlinked(text).replace(INLINE_MARKS, "\\$&").replace(LINE_MARKS, "$1\\$2");
}

/**
 * Text with every URL's scheme broken by a zero-width space ("https:\u200b//"), so it cannot
 * become a link; plain text (an attachment's description) needs nothing else.
 */
export function unlinked(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*):\/\//gi, "$1:\u200b//");
}

/**
 * A link as Discord shows it without a preview. Written out by the URL parser, which
 * percent-encodes spaces and angle brackets, so nothing after the link can become markdown.
 */
function linkText(link: string): string {
  try {
    return `<${new URL(link).href}>`;
  } catch {
    return escapeText(link);
  }
}

function renderInline(inline: Inline): string {
  if (typeof inline === "string") return escapeText(inline);
  if ("bold" in inline) return inline.bold === "" ? "" : `**${escapeText(inline.bold)}**`;
  if ("code" in inline) return `\`${inline.code.replaceAll("`", "ˋ")}\``;
  if ("time" in inline) return time(Math.ceil(inline.time / 1000), "R");
  if ("link" in inline) return linkText(inline.link);
  if ("channel" in inline)
    return /^\d{1,20}$/.test(inline.channel) ? `<#${inline.channel}>` : escapeText(inline.channel);
  return `> ${renderText(inline.quote).replaceAll("\n", "\n> ")}`;
}

/** Markdown for a piece of view text. */
export function renderText(text: Text): string {
  return typeof text === "string" ? escapeText(text) : text.map(renderInline).join("");
}

/** The longest start of `raw` (cut at a word where it can be) whose rendering fits in `room`. */
function fittingStart(raw: string, room: number, render: (s: string) => string): string {
  let lo = 0;
  let hi = raw.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(raw.slice(0, mid)).length <= room) lo = mid;
    else hi = mid - 1;
  }
  const start = raw.slice(0, lo);
  const atWord = start.replace(/\s+\S*$/u, "");
  return atWord.length >= start.length / 2 ? atWord : start;
}

function fitInlines(inlines: readonly Inline[], max: number): string {
  let out = "";
  for (const inline of inlines) {
    const whole = renderInline(inline);
    if (out.length + whole.length <= max) {
      out += whole;
      continue;
    }
    const room = max - out.length - 1;
    if (typeof inline === "string") out += escapeText(fittingStart(inline, room, escapeText));
    else if ("bold" in inline) {
      const start = fittingStart(inline.bold, room - 4, escapeText);
      if (start) out += `**${escapeText(start)}**`;
    } else if ("quote" in inline) {
      // Each line of a quote gains "> ": shrink the inner budget until the whole fits.
      for (let budget = room - 2; budget > 0; budget = Math.floor(budget * 0.9)) {
        const quoted = `> ${fitInlines(inline.quote, budget).replaceAll("\n", "\n> ")}`;
        if (out.length + quoted.length <= max) return out + quoted;
      }
    }
    return `${out}…`;
  }
  return out;
}

/** `text` as markdown of at most `max` characters: cut at a word, with an ellipsis. */
export function renderWithin(text: Text, max: number): string {
  const whole = renderText(text);
  if (whole.length <= max) return whole;
  return fitInlines(typeof text === "string" ? [text] : text, max);
}

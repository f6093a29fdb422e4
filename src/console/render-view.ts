import type { APIButtonComponent } from "discord.js";
import { parseCustomId } from "../discord/custom-id.ts";
import type { MessageView } from "../discord/render/view.ts";

export interface ConsoleButton {
  readonly key: string;
  readonly customId: string;
  readonly label: string;
}

const LETTERS = ["A", "B", "C", "D", "E"];

/** Keys for a message's buttons: letters for answer options (T/F for true/false), else numbers. */
export function buttonsOf(view: MessageView): ConsoleButton[] {
  const buttons: ConsoleButton[] = [];
  for (const row of view.components ?? []) {
    const answers = row.components.filter((b) => "custom_id" in b && isAnswer(b.custom_id));
    const trueFalse = answers.length === 2 && answers.every((b) => !labelOf(b).includes("·"));
    row.components.forEach((b: APIButtonComponent, i) => {
      if (!("custom_id" in b) || b.disabled) return;
      const key = isAnswer(b.custom_id)
        ? trueFalse
          ? (["T", "F"][i] as string)
          : (LETTERS[i] as string)
        : String(buttons.length + 1);
      buttons.push({ key, customId: b.custom_id, label: labelOf(b) });
    });
  }
  return buttons;
}

const labelOf = (b: APIButtonComponent) => ("label" in b ? (b.label ?? "") : "");

function isAnswer(customId: string): boolean {
  const id = parseCustomId(customId);
  return id?.kind === "quiz" || id?.kind === "review";
}

/** Discord's relative timestamps as seconds from now. */
function timestamps(text: string, now: number): string {
  return text.replace(
    /<t:(\d+):R>/g,
    (_, s: string) => `in ${Math.max(0, Math.round(Number(s) - now / 1000))} s`,
  );
}

/** A message view as terminal text: content, embeds (title, text, fields, footer), buttons. */
export function viewToText(view: MessageView, now: number, bold: [string, string]): string {
  const md = (s: string) =>
    timestamps(s, now)
      .replace(/\*\*(.+?)\*\*/gs, `${bold[0]}$1${bold[1]}`)
      .replace(/\\([\\*_~`|>#-])/g, "$1");
  const lines: string[] = [];
  if (view.content) lines.push(md(view.content));
  for (const e of view.embeds ?? []) {
    if (e.title) lines.push(`┃ ${bold[0]}${md(e.title)}${bold[1]}`);
    if (e.description)
      lines.push(
        ...md(e.description)
          .split("\n")
          .map((l) => `┃ ${l}`),
      );
    for (const f of e.fields ?? [])
      lines.push(...`${f.name}: ${md(f.value)}`.split("\n").map((l) => `┃ ${l}`));
    if (e.footer?.text) lines.push(`┃ — ${md(e.footer.text)}`);
  }
  const buttons = buttonsOf(view);
  if (buttons.length > 0) lines.push(buttons.map((b) => `[${b.key}] ${b.label}`).join("   "));
  return `${lines.join("\n")}\n`;
}

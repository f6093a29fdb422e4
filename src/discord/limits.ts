import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord.js";

/** Discord's hard limits on what a message may carry. */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  attachmentDescription: 1024,
} as const;

/** A message as the API takes it. */
export interface MessagePayload {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly APIActionRowComponent<APIButtonComponent>[];
}

export const embedSize = (e: APIEmbed) =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.author?.name.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** Every way a payload breaks Discord's limits (empty when it fits). */
export function limitProblems(payload: MessagePayload): string[] {
  const problems: string[] = [];
  if ((payload.content?.length ?? 0) > LIMITS.content) problems.push("content over 2000");
  const embeds = payload.embeds ?? [];
  if (embeds.length > LIMITS.embeds) problems.push("more than 10 embeds");
  let total = 0;
  for (const e of embeds) {
    if ((e.title?.length ?? 0) > LIMITS.embedTitle) problems.push("embed title over 256");
    if ((e.description?.length ?? 0) > LIMITS.embedDescription)
      problems.push("embed description over 4096");
    if ((e.footer?.text.length ?? 0) > LIMITS.footer) problems.push("embed footer over 2048");
    if ((e.fields?.length ?? 0) > LIMITS.embedFields) problems.push("more than 25 fields");
    for (const f of e.fields ?? []) {
      if (f.name.length > LIMITS.fieldName || f.name.length === 0)
        problems.push("field name length");
      if (f.value.length > LIMITS.fieldValue || f.value.length === 0)
        problems.push("field value length");
    }
    total += embedSize(e);
  }
  if (total > LIMITS.embedTotal) problems.push("embeds over 6000 in total");
  const rows = payload.components ?? [];
  if (rows.length > LIMITS.rows) problems.push("more than 5 rows");
  for (const row of rows) {
    if (row.components.length > LIMITS.buttonsPerRow) problems.push("more than 5 buttons in a row");
    for (const b of row.components) {
      if ("label" in b && (b.label?.length ?? 0) > LIMITS.buttonLabel)
        problems.push("button label over 80");
      if ("custom_id" in b && b.custom_id.length > LIMITS.customId)
        problems.push("custom id over 100");
    }
  }
  return problems;
}

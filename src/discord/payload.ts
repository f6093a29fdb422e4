import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from "discord.js";
import type { Button, Card, Colour, View } from "../interactions/view.ts";
import { truncate } from "../interactions/views/text.ts";
import { embedSize, LIMITS, type MessagePayload } from "./limits.ts";
import { renderWithin } from "./markdown.ts";

/** Nothing the bot sends may ping: corpus text and user input are echoed. */
export const NO_MENTIONS = { parse: [] as never[] };

const COLOURS: Record<Colour, number> = {
  cite: 0x2f6f9f,
  quiz: 0xc27c0e,
  right: 0x2e8b57,
  info: 0x6b6b6b,
  warn: 0xb03a2e,
};

const BUTTON_STYLES = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
} as const;

/** Discord refuses empty field values. */
const EMPTY_FIELD = "—";

function embedOf(card: Card, descriptionMax: number, fieldMax: number): APIEmbed {
  const title = card.title === undefined ? "" : renderWithin(card.title, LIMITS.embedTitle);
  const fields = (card.fields ?? []).slice(0, LIMITS.embedFields).map((f) => ({
    name: truncate(f.name, LIMITS.fieldName) || EMPTY_FIELD,
    value: renderWithin(f.value, fieldMax) || EMPTY_FIELD,
    ...(f.inline ? { inline: true } : {}),
  }));
  return {
    color: COLOURS[card.colour],
    ...(title ? { title } : {}),
    ...(card.body === undefined ? {} : { description: renderWithin(card.body, descriptionMax) }),
    ...(fields.length > 0 ? { fields } : {}),
    ...(card.footer ? { footer: { text: truncate(card.footer, LIMITS.footer) } } : {}),
  };
}

/** A card as an embed of at most `budget` characters: the description gives way first. */
function fittedEmbed(card: Card, budget: number): APIEmbed {
  let embed = embedOf(card, LIMITS.embedDescription, LIMITS.fieldValue);
  const excess = embedSize(embed) - budget;
  if (excess <= 0) return embed;
  const description = Math.max(0, (embed.description?.length ?? 0) - excess);
  for (
    let fieldMax: number = LIMITS.fieldValue;
    fieldMax > 1;
    fieldMax = Math.floor(fieldMax / 2)
  ) {
    embed = embedOf(card, description, fieldMax);
    if (embedSize(embed) <= budget) break;
  }
  return embed;
}

/**
 * Cards as embeds within Discord's 6,000 characters for all the embeds of a message together:
 * the smallest keep their full text, the largest share what is left equally.
 */
function fittedEmbeds(cards: readonly Card[]): APIEmbed[] {
  const full = cards.map((card) => fittedEmbed(card, LIMITS.embedTotal));
  const bySize = full.map((embed, i) => ({ i, size: embedSize(embed) }));
  if (bySize.reduce((n, e) => n + e.size, 0) <= LIMITS.embedTotal) return full;
  bySize.sort((a, b) => a.size - b.size);
  let left: number = LIMITS.embedTotal;
  bySize.forEach(({ i, size }, rank) => {
    const share = Math.floor(left / (bySize.length - rank));
    if (size > share) full[i] = fittedEmbed(cards[i] as Card, share);
    left -= embedSize(full[i] as APIEmbed);
  });
  return full;
}

function buttonOf(button: Button): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: BUTTON_STYLES[button.style],
    label: truncate(button.label, LIMITS.buttonLabel),
    custom_id: button.customId,
    ...(button.disabled ? { disabled: true } : {}),
  };
}

/** A view as a message the API takes, within every Discord limit. */
export function renderView(view: View): MessagePayload {
  return {
    ...(view.content === undefined ? {} : { content: renderWithin(view.content, LIMITS.content) }),
    embeds: fittedEmbeds((view.cards ?? []).slice(0, LIMITS.embeds)),
    components: (view.buttons ?? []).slice(0, LIMITS.rows).map(
      (row): APIActionRowComponent<APIButtonComponent> => ({
        type: ComponentType.ActionRow,
        components: row.slice(0, LIMITS.buttonsPerRow).map(buttonOf),
      }),
    ),
  };
}

/** A view as the body of a REST message call (snake_case, as the API takes it). */
export function messageBody(view: View) {
  const payload = renderView(view);
  const files = view.files ?? [];
  return {
    ...payload,
    embeds: [...(payload.embeds ?? [])],
    components: [...(payload.components ?? [])],
    allowed_mentions: NO_MENTIONS,
    // Each file's entry, by its index among the uploaded parts, carries its description.
    ...(files.length > 0
      ? {
          attachments: files.map((f, id) => ({
            id,
            filename: f.name,
            ...(f.description ? { description: f.description } : {}),
          })),
        }
      : {}),
  };
}

/** A view as a REST message call: its body and the files uploaded with it (multipart). */
export function restMessage(view: View) {
  return {
    body: messageBody(view),
    ...(view.files && view.files.length > 0
      ? { files: view.files.map((f) => ({ name: f.name, data: Buffer.from(f.data) })) }
      : {}),
  };
}

/** A view as options for discord.js edits (an edit cannot change who sees the message). */
export function editOptions(view: View) {
  const payload = renderView(view);
  return {
    ...(payload.content === undefined ? {} : { content: payload.content }),
    embeds: [...(payload.embeds ?? [])],
    components: [...(payload.components ?? [])],
    allowedMentions: NO_MENTIONS,
    ...(view.files
      ? {
          files: view.files.map((f) => ({
            attachment: Buffer.from(f.data),
            name: f.name,
            ...(f.description ? { description: f.description } : {}),
          })),
        }
      : {}),
  };
}

/** A view as options for discord.js replies and follow-ups. */
export function replyOptions(view: View) {
  return {
    ...editOptions(view),
    ...(view.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

import {
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  TextInputStyle,
} from "discord.js";
import type { Form } from "../interactions/view.ts";
import { truncate } from "../interactions/views/text.ts";

/** Discord's limits on a modal. */
const MODAL_LIMITS = {
  title: 45,
  label: 45,
  placeholder: 100,
  fields: 5,
  maxLength: 4000,
} as const;

/** A form as a Discord modal: one text input per row, within Discord's limits. */
export function modalData(form: Form): APIModalInteractionResponseCallbackData {
  return {
    custom_id: form.customId,
    title: truncate(form.title, MODAL_LIMITS.title),
    components: form.fields.slice(0, MODAL_LIMITS.fields).map((field) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: field.id,
          label: truncate(field.label, MODAL_LIMITS.label),
          style: field.long ? TextInputStyle.Paragraph : TextInputStyle.Short,
          max_length: Math.min(field.maxLength, MODAL_LIMITS.maxLength),
          required: !field.optional,
          ...(field.value
            ? { value: truncate(field.value, Math.min(field.maxLength, MODAL_LIMITS.maxLength)) }
            : {}),
          ...(field.placeholder
            ? { placeholder: truncate(field.placeholder, MODAL_LIMITS.placeholder) }
            : {}),
        },
      ],
    })),
  };
}

import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from "discord.js";
import type { Responder } from "../interactions/request.ts";
import type { View } from "../interactions/view.ts";
import { modalData } from "./form.ts";
import { editOptions, replyOptions } from "./payload.ts";

/**
 * The answer to a deferred interaction takes the visibility of the defer. A private answer after
 * a public defer (a look-up that found nothing, a refusal) removes the public placeholder and
 * follows up privately, so nothing meant for one user is shown to the channel.
 */
export async function answerDeferred(interaction: RepliableInteraction, view: View): Promise<void> {
  if (view.ephemeral && !interaction.ephemeral && !interaction.replied) {
    await interaction.deleteReply();
    await interaction.followUp(replyOptions(view));
  } else await interaction.editReply(editOptions(view));
}

/** How a command or a submitted form answers: a reply, or the answer to its defer. */
function replyingResponder(
  interaction:
    | ChatInputCommandInteraction
    | MessageContextMenuCommandInteraction
    | ModalSubmitInteraction,
): Omit<Responder, "showForm"> {
  return {
    async defer(ephemeral) {
      if (!interaction.deferred && !interaction.replied) {
        await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      }
    },
    async reply(view) {
      if (interaction.deferred && !interaction.replied) await answerDeferred(interaction, view);
      else if (interaction.replied) await interaction.followUp(replyOptions(view));
      else await interaction.reply(replyOptions(view));
    },
    async update(view) {
      await this.reply(view);
    },
    async followUp(view) {
      await interaction.followUp(replyOptions(view));
    },
  };
}

export function commandResponder(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
): Responder {
  return {
    ...replyingResponder(interaction),
    async showForm(form) {
      await interaction.showModal(modalData(form));
    },
  };
}

export function buttonResponder(interaction: ButtonInteraction): Responder {
  return {
    async defer() {
      if (!interaction.deferred && !interaction.replied) await interaction.deferUpdate();
    },
    async reply(view) {
      if (interaction.deferred || interaction.replied)
        await interaction.followUp(replyOptions(view));
      else await interaction.reply(replyOptions(view));
    },
    async update(view) {
      if (interaction.deferred || interaction.replied)
        await interaction.editReply(editOptions(view));
      else await interaction.update(editOptions(view));
    },
    async followUp(view) {
      await interaction.followUp(replyOptions(view));
    },
    async showForm(form) {
      await interaction.showModal(modalData(form));
    },
  };
}

/** A submitted form is answered like a command: it cannot open another form. */
export function formResponder(interaction: ModalSubmitInteraction): Responder {
  return {
    ...replyingResponder(interaction),
    async showForm() {
      throw new Error("a submitted form cannot open another form");
    },
  };
}

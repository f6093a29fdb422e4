import { type ButtonInteraction, type ChatInputCommandInteraction, MessageFlags } from "discord.js";
import type { Responder } from "../interactions/request.ts";
import { editOptions, replyOptions } from "./payload.ts";

export function commandResponder(interaction: ChatInputCommandInteraction): Responder {
  return {
    async defer(ephemeral) {
      if (!interaction.deferred && !interaction.replied) {
        await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      }
    },
    async reply(view) {
      if (interaction.deferred || interaction.replied)
        await interaction.editReply(editOptions(view));
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
  };
}

import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
} from "discord.js";
import { langOf } from "../interactions/i18n.ts";
import type {
  Actor,
  Attachment,
  AutocompleteRequest,
  ChannelAccess,
  CommandRequest,
  ComponentRequest,
  FormRequest,
  OptionValue,
  RequestBase,
} from "../interactions/request.ts";

function displayName(
  member: Interaction["member"] | CommandInteractionOption["member"],
  fallback: string,
): string {
  return member && "displayName" in member && typeof member.displayName === "string"
    ? member.displayName
    : fallback;
}

function actorOf(interaction: Interaction): Actor {
  return {
    id: interaction.user.id,
    name: displayName(interaction.member, interaction.user.displayName),
  };
}

/** What the bot may do in the interaction's channel (Discord sends it as app_permissions). */
function botAccess(interaction: Interaction): ChannelAccess | undefined {
  const permissions = interaction.appPermissions;
  if (!permissions) return undefined;
  const send = interaction.channel?.isThread()
    ? PermissionFlagsBits.SendMessagesInThreads
    : PermissionFlagsBits.SendMessages;
  return {
    view: permissions.has(PermissionFlagsBits.ViewChannel),
    send: permissions.has(send),
    embed: permissions.has(PermissionFlagsBits.EmbedLinks),
  };
}

/** The member's role ids: a cached member has a role manager, an uncached one a plain list. */
function roleIdsOf(interaction: Interaction): string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? [...roles] : [...roles.cache.keys()];
}

function baseOf(interaction: Interaction): RequestBase {
  return {
    actor: actorOf(interaction),
    guildId: interaction.guildId,
    channelId: interaction.channelId ?? interaction.user.id,
    lang: langOf(interaction.locale),
    canManageMessages:
      interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false,
    canManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    roleIds: roleIdsOf(interaction),
    botAccess: botAccess(interaction),
  };
}

function flattenOptions(options: readonly CommandInteractionOption[]): {
  subcommand?: string;
  values: Record<string, OptionValue>;
  attachments: Record<string, Attachment>;
} {
  const values: Record<string, OptionValue> = {};
  const attachments: Record<string, Attachment> = {};
  let subcommand: string | undefined;
  for (const option of options) {
    // Discord leaves out `options` of a subcommand that has none: known by its type, not by them.
    if (
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup
    ) {
      subcommand = option.name;
      const inner = flattenOptions(option.options ?? []);
      Object.assign(values, inner.values);
      Object.assign(attachments, inner.attachments);
      continue;
    }
    values[option.name] = option.value;
    if (option.attachment)
      attachments[option.name] = {
        name: option.attachment.name,
        url: option.attachment.url,
        size: option.attachment.size,
      };
    if (option.user)
      values[`${option.name}_name`] = displayName(option.member, option.user.displayName);
  }
  return subcommand ? { subcommand, values, attachments } : { values, attachments };
}

export function commandRequest(interaction: ChatInputCommandInteraction): CommandRequest {
  const { subcommand, values, attachments } = flattenOptions(interaction.options.data);
  return {
    ...baseOf(interaction),
    command: interaction.commandName,
    subcommand,
    options: values,
    attachments,
  };
}

export function messageCommandRequest(
  interaction: MessageContextMenuCommandInteraction,
): CommandRequest {
  return {
    ...baseOf(interaction),
    command: interaction.commandName,
    options: {},
    target: { content: interaction.targetMessage.content },
  };
}

export function componentRequest(interaction: ButtonInteraction): ComponentRequest {
  return { ...baseOf(interaction), customId: interaction.customId };
}

export function formRequest(interaction: ModalSubmitInteraction): FormRequest {
  const fields: Record<string, string> = {};
  for (const [id, field] of interaction.fields.fields) {
    if ("value" in field && typeof field.value === "string") fields[id] = field.value;
  }
  return { ...baseOf(interaction), customId: interaction.customId, fields };
}

export function autocompleteRequest(interaction: AutocompleteInteraction): AutocompleteRequest {
  const focused = interaction.options.getFocused(true);
  return {
    command: interaction.commandName,
    subcommand: interaction.options.getSubcommand(false) ?? undefined,
    guildId: interaction.guildId,
    option: focused.name,
    value: String(focused.value ?? ""),
    lang: langOf(interaction.locale),
  };
}

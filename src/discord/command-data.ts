import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { CommandSpec, OptionSpec, OptionType } from "../interactions/command-spec.ts";

const OPTION_TYPES: Record<OptionType, ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
  user: ApplicationCommandOptionType.User,
  role: ApplicationCommandOptionType.Role,
  attachment: ApplicationCommandOptionType.Attachment,
  channel: ApplicationCommandOptionType.Channel,
};

function optionData(o: OptionSpec) {
  return {
    type: OPTION_TYPES[o.type],
    name: o.name,
    name_localizations: { de: o.nameDe },
    description: o.description.en,
    description_localizations: { de: o.description.de },
    ...(o.required ? { required: true } : {}),
    ...(o.minValue === undefined ? {} : { min_value: o.minValue }),
    ...(o.maxValue === undefined ? {} : { max_value: o.maxValue }),
    ...(o.maxLength === undefined ? {} : { max_length: o.maxLength }),
    ...(o.autocomplete ? { autocomplete: true } : {}),
    ...(o.type === "channel"
      ? { channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] }
      : {}),
    ...(o.choices
      ? {
          choices: o.choices.map((c) => ({
            name: c.name.en,
            name_localizations: { de: c.name.de },
            value: c.value,
          })),
        }
      : {}),
  };
}

/**
 * Where a command can be used: `anywhere` commands are also installable to a user's account, so
 * they work in servers without the bot, in DMs and group DMs; the rest only in servers the bot
 * is a member of.
 */
function availability(spec: CommandSpec) {
  return spec.where === "guild"
    ? {
        integration_types: [ApplicationIntegrationType.GuildInstall],
        contexts: [InteractionContextType.Guild],
      }
    : {
        integration_types: [
          ApplicationIntegrationType.GuildInstall,
          ApplicationIntegrationType.UserInstall,
        ],
        contexts: [
          InteractionContextType.Guild,
          InteractionContextType.BotDM,
          InteractionContextType.PrivateChannel,
        ],
      };
}

/** A command as Discord registers it. */
export function commandData(spec: CommandSpec): RESTPostAPIApplicationCommandsJSONBody {
  if (spec.kind === "message") {
    return {
      type: ApplicationCommandType.Message,
      name: spec.name,
      name_localizations: { de: spec.nameDe },
      ...availability(spec),
    };
  }
  const options = spec.subcommands
    ? spec.subcommands.map((s) => ({
        type: ApplicationCommandOptionType.Subcommand as const,
        name: s.name,
        name_localizations: { de: s.nameDe },
        description: s.description.en,
        description_localizations: { de: s.description.de },
        options: (s.options ?? []).map(optionData),
      }))
    : (spec.options ?? []).map(optionData);
  return {
    type: ApplicationCommandType.ChatInput,
    name: spec.name,
    name_localizations: { de: spec.nameDe },
    description: spec.description.en,
    description_localizations: { de: spec.description.de },
    ...availability(spec),
    options: options as RESTPostAPIChatInputApplicationCommandsJSONBody["options"],
  };
}

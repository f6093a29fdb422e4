import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { CommandSpec, OptionSpec, OptionType } from "../interactions/command-spec.ts";

const OPTION_TYPES: Record<OptionType, ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
  user: ApplicationCommandOptionType.User,
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

/** A command as Discord registers it. */
export function commandData(spec: CommandSpec): RESTPostAPIChatInputApplicationCommandsJSONBody {
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
    contexts:
      spec.where === "guild"
        ? [InteractionContextType.Guild]
        : [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: options as RESTPostAPIChatInputApplicationCommandsJSONBody["options"],
  };
}

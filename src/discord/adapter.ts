import {
  type APIMessage,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type CommandInteractionOption,
  DiscordAPIError,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
} from "discord.js";
import type { Logger } from "../logger.ts";
import { findCommand } from "./commands/index.ts";
import { handleComponent } from "./components.ts";
import type {
  Actor,
  BotContext,
  ChannelPoster,
  OptionValue,
  RequestBase,
  Responder,
} from "./context.ts";
import { langOf, texts } from "./i18n.ts";
import { editOptions, messageBody, replyOptions } from "./payload.ts";
import { LIMITS, truncate } from "./render/limits.ts";

/** Discord error codes that mean "this interaction is gone": log and carry on. */
const GONE = new Set([10062, 40060]);

function actorOf(interaction: Interaction): Actor {
  const member = interaction.member;
  const name =
    member && "displayName" in member && typeof member.displayName === "string"
      ? member.displayName
      : interaction.user.displayName;
  return { id: interaction.user.id, name };
}

function baseOf(interaction: Interaction): RequestBase {
  return {
    actor: actorOf(interaction),
    guildId: interaction.guildId,
    channelId: interaction.channelId ?? interaction.user.id,
    lang: langOf(interaction.locale),
    canManageMessages:
      interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false,
  };
}

function flattenOptions(options: readonly CommandInteractionOption[]): {
  subcommand?: string;
  values: Record<string, OptionValue>;
} {
  const values: Record<string, OptionValue> = {};
  let subcommand: string | undefined;
  for (const option of options) {
    if (option.options && option.value === undefined) {
      subcommand = option.name;
      Object.assign(values, flattenOptions(option.options).values);
      continue;
    }
    values[option.name] = option.value;
    if (option.user) {
      const member = option.member;
      values[`${option.name}_name`] =
        member && "displayName" in member && typeof member.displayName === "string"
          ? member.displayName
          : option.user.displayName;
    }
  }
  return subcommand ? { subcommand, values } : { values };
}

function commandResponder(interaction: ChatInputCommandInteraction): Responder {
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

function buttonResponder(interaction: ButtonInteraction): Responder {
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

async function autocomplete(ctx: BotContext, interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const command = findCommand(interaction.commandName);
  const choices =
    command?.autocomplete?.(ctx, {
      command: interaction.commandName,
      option: focused.name,
      value: String(focused.value ?? ""),
      lang: langOf(interaction.locale),
    }) ?? [];
  await interaction.respond(
    choices.slice(0, LIMITS.choices).map((c) => ({
      name: truncate(c.name, LIMITS.choiceName),
      value: c.value.slice(0, LIMITS.choiceValue),
    })),
  );
}

/** What identifies an interaction in the logs (never its token). */
function describe(interaction: Interaction) {
  return {
    interactionId: interaction.id,
    type: interaction.type,
    ...(interaction.isCommand() || interaction.isAutocomplete()
      ? { command: interaction.commandName }
      : {}),
    ...(interaction.isMessageComponent() ? { customId: interaction.customId } : {}),
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
  };
}

/**
 * The one error boundary: a failure is logged with its context, the user gets a short private
 * message (never a stack trace), and an interaction Discord has already forgotten is only logged.
 */
async function reportFailure(
  logger: Logger,
  interaction: Interaction,
  error: unknown,
): Promise<void> {
  const gone = error instanceof DiscordAPIError && GONE.has(Number(error.code));
  const context = describe(interaction);
  if (gone) {
    logger.warn(
      { ...context, code: (error as DiscordAPIError).code },
      "interaction expired before the answer",
    );
    return;
  }
  logger.error({ ...context, err: error }, "interaction failed");
  if (!interaction.isRepliable()) return;
  const content = texts(langOf(interaction.locale)).error;
  try {
    if (interaction.deferred || interaction.replied) {
      await interaction.followUp({
        content,
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
    } else {
      await interaction.reply({
        content,
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
    }
  } catch (secondary) {
    logger.warn({ ...context, err: secondary }, "could not tell the user about the failure");
  }
}

/** Routes every interaction to its command or button handler, inside the error boundary. */
export function createInteractionHandler(
  ctx: BotContext,
): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    const started = performance.now();
    try {
      if (interaction.isAutocomplete()) {
        await autocomplete(ctx, interaction);
      } else if (interaction.isChatInputCommand()) {
        const command = findCommand(interaction.commandName);
        const { subcommand, values } = flattenOptions(interaction.options.data);
        const respond = commandResponder(interaction);
        if (!command) {
          await respond.reply({
            content: texts(langOf(interaction.locale)).expired,
            ephemeral: true,
          });
          return;
        }
        await command.execute(
          ctx,
          { ...baseOf(interaction), command: command.data.name, subcommand, options: values },
          respond,
        );
      } else if (interaction.isButton()) {
        await handleComponent(
          ctx,
          { ...baseOf(interaction), customId: interaction.customId },
          buttonResponder(interaction),
        );
      }
      ctx.logger.debug(
        { ...describe(interaction), ms: Math.round(performance.now() - started) },
        "interaction handled",
      );
    } catch (error) {
      await reportFailure(ctx.logger, interaction, error);
    }
  };
}

/** Quiz messages go straight through REST: no channel cache needed. */
export function restPoster(client: Client): ChannelPoster {
  return {
    async post(channelId, view) {
      const message = (await client.rest.post(Routes.channelMessages(channelId), {
        body: messageBody(view),
      })) as APIMessage;
      return {
        async edit(next) {
          await client.rest.patch(Routes.channelMessage(channelId, message.id), {
            body: messageBody(next),
          });
        },
      };
    },
  };
}

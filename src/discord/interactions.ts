import { DiscordAPIError, type Interaction } from "discord.js";
import { handleComponent } from "../interactions/buttons/index.ts";
import { findCommand } from "../interactions/commands/index.ts";
import type { InteractionContext } from "../interactions/context.ts";
import { handleForm } from "../interactions/forms/index.ts";
import { langOf, texts } from "../interactions/i18n.ts";
import { storageFailureText } from "../interactions/not-stored.ts";
import type { View } from "../interactions/view.ts";
import { truncate } from "../interactions/views/text.ts";
import type { Logger } from "../logger.ts";
import { LIMITS } from "./limits.ts";
import { replyOptions } from "./payload.ts";
import { type PictureAttacher, withPictures } from "./pictures.ts";
import {
  autocompleteRequest,
  commandRequest,
  componentRequest,
  formRequest,
  messageCommandRequest,
} from "./requests.ts";
import { answerDeferred, buttonResponder, commandResponder, formResponder } from "./responders.ts";

/** Discord error codes that mean "this interaction is gone": log and carry on. */
const GONE = new Set([10062, 40060]);

/** What identifies an interaction in the logs (never its token). */
function describe(interaction: Interaction) {
  return {
    interactionId: interaction.id,
    type: interaction.type,
    ...(interaction.isCommand() || interaction.isAutocomplete()
      ? { command: interaction.commandName }
      : {}),
    ...(interaction.isMessageComponent() || interaction.isModalSubmit()
      ? { customId: interaction.customId }
      : {}),
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
  const context = describe(interaction);
  if (error instanceof DiscordAPIError && GONE.has(Number(error.code))) {
    logger.warn({ ...context, code: error.code }, "interaction expired before the answer");
    return;
  }
  logger.error({ ...context, err: error }, "interaction failed");
  if (!interaction.isRepliable()) return;
  const t = texts(langOf(interaction.locale));
  const notice: View = { content: storageFailureText(t, error) ?? t.error, ephemeral: true };
  try {
    // A button's deferral acknowledges the message it sits on: never replace or delete that.
    if (
      (interaction.isCommand() || interaction.isModalSubmit()) &&
      interaction.deferred &&
      !interaction.replied
    )
      await answerDeferred(interaction, notice);
    else if (interaction.deferred || interaction.replied)
      await interaction.followUp(replyOptions(notice));
    else await interaction.reply(replyOptions(notice));
  } catch (secondary) {
    logger.warn({ ...context, err: secondary }, "could not tell the user about the failure");
  }
}

async function route(
  ctx: InteractionContext,
  attach: PictureAttacher,
  interaction: Interaction,
): Promise<void> {
  if (interaction.isAutocomplete()) {
    const request = autocompleteRequest(interaction);
    const choices = findCommand(request.command)?.autocomplete?.(ctx, request) ?? [];
    await interaction.respond(
      choices.slice(0, LIMITS.choices).map((c) => ({
        name: truncate(c.name, LIMITS.choiceName),
        value: c.value.slice(0, LIMITS.choiceValue),
      })),
    );
  } else if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
    const respond = withPictures(commandResponder(interaction), attach);
    const command = findCommand(interaction.commandName);
    if (!command) {
      await respond.reply({ content: texts(langOf(interaction.locale)).expired, ephemeral: true });
      return;
    }
    const request = interaction.isChatInputCommand()
      ? commandRequest(interaction)
      : messageCommandRequest(interaction);
    await command.execute(ctx, request, respond);
  } else if (interaction.isButton()) {
    await handleComponent(
      ctx,
      componentRequest(interaction),
      withPictures(buttonResponder(interaction), attach),
    );
  } else if (interaction.isModalSubmit()) {
    await handleForm(
      ctx,
      formRequest(interaction),
      withPictures(formResponder(interaction), attach),
    );
  }
}

/**
 * Routes every interaction to its command or button handler, inside the error boundary; the
 * pictures of its answers are drawn by `attach`.
 */
export function createInteractionHandler(
  ctx: InteractionContext,
  attach: PictureAttacher,
): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    const started = performance.now();
    try {
      await route(ctx, attach, interaction);
      ctx.logger.debug(
        { ...describe(interaction), ms: Math.round(performance.now() - started) },
        "interaction handled",
      );
    } catch (error) {
      await reportFailure(ctx.logger, interaction, error);
    }
  };
}

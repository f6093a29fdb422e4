import {
  type APIMessage,
  type Client,
  DiscordAPIError,
  RESTJSONErrorCodes,
  Routes,
} from "discord.js";
import { type ChannelPoster, PostRefused } from "../interactions/request.ts";
import { restMessage } from "./payload.ts";

/** Discord's answers that do not change by trying again: the channel or the right is gone. */
function refusal(error: unknown): PostRefused | undefined {
  if (!(error instanceof DiscordAPIError)) return undefined;
  if (error.code === RESTJSONErrorCodes.UnknownChannel) return new PostRefused("channel-gone");
  if (
    error.code === RESTJSONErrorCodes.MissingAccess ||
    error.code === RESTJSONErrorCodes.MissingPermissions
  )
    return new PostRefused("no-permission");
  return undefined;
}

/** Quiz messages go straight through REST: no channel cache needed. */
export function restPoster(client: Client): ChannelPoster {
  return {
    async post(channelId, view, options) {
      const nonce =
        options?.nonce === undefined ? {} : { nonce: options.nonce, enforce_nonce: true };
      const message = restMessage(view);
      const posted = (await client.rest
        .post(Routes.channelMessages(channelId), {
          ...message,
          body: { ...message.body, ...nonce },
        })
        .catch((error: unknown) => {
          throw refusal(error) ?? error;
        })) as APIMessage;
      return {
        id: posted.id,
        async edit(next) {
          await client.rest.patch(Routes.channelMessage(channelId, posted.id), restMessage(next));
        },
      };
    },
  };
}

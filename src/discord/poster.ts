import { type APIMessage, type Client, Routes } from "discord.js";
import type { ChannelPoster } from "../interactions/request.ts";
import { restMessage } from "./payload.ts";

/** Quiz messages go straight through REST: no channel cache needed. */
export function restPoster(client: Client): ChannelPoster {
  return {
    async post(channelId, view) {
      const message = (await client.rest.post(
        Routes.channelMessages(channelId),
        restMessage(view),
      )) as APIMessage;
      return {
        async edit(next) {
          await client.rest.patch(Routes.channelMessage(channelId, message.id), restMessage(next));
        },
      };
    },
  };
}

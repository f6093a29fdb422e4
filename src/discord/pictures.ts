import type { ChannelPoster, Responder } from "../interactions/request.ts";
import type { View } from "../interactions/view.ts";
import { truncate } from "../interactions/views/text.ts";
import type { Logger } from "../logger.ts";
import type { PictureRenderer } from "../pictures/render.ts";
import { LIMITS } from "./limits.ts";
import { unlinked } from "./markdown.ts";

/** A view whose picture is drawn and attached as a PNG file (with its alt text as description). */
export type PictureAttacher = (view: View) => Promise<View>;

/**
 * Draws a view's picture into a file of the message. A picture that cannot be drawn is logged
 * and left out: the message's text is complete without it.
 */
export function pictureAttacher(renderer: PictureRenderer, logger: Logger): PictureAttacher {
  return async (view) => {
    if (!view.picture) return view;
    const { picture, ...text } = view;
    try {
      const data = await renderer.render(picture.chart);
      const file = {
        name: picture.name,
        data,
        // Plain text, not markdown: only an echoed web address must not become a link.
        description: truncate(unlinked(picture.alt), LIMITS.attachmentDescription),
      };
      return { ...text, files: [...(text.files ?? []), file] };
    } catch (error) {
      logger.warn({ err: error, picture: picture.name }, "picture not drawn; the text goes alone");
      return text;
    }
  };
}

/** A responder that sends views' pictures as files. */
export function withPictures(respond: Responder, attach: PictureAttacher): Responder {
  return {
    defer: (ephemeral) => respond.defer(ephemeral),
    reply: async (view) => respond.reply(await attach(view)),
    update: async (view) => respond.update(await attach(view)),
    followUp: async (view) => respond.followUp(await attach(view)),
    showForm: (form) => respond.showForm(form),
  };
}

/** A channel poster that sends views' pictures as files. */
export function postingPictures(poster: ChannelPoster, attach: PictureAttacher): ChannelPoster {
  return {
    async post(channelId, view, options) {
      const message = await poster.post(channelId, await attach(view), options);
      return { id: message.id, edit: async (next) => message.edit(await attach(next)) };
    },
  };
}

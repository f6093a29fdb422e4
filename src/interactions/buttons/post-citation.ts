import { texts } from "../i18n.ts";
import { postedCitationView } from "../views/cite.ts";
import type { ButtonHandler } from "./button.ts";

/** "Show in channel" under a private citation: its asker posts the result for everyone. */
export const postCitationButton: ButtonHandler<"post"> = {
  async press(ctx, request, id, respond) {
    const t = texts(request.lang);
    const session = ctx.citeSessions.get(id.session);
    const result = session?.results[id.page];
    if (!session || !result) return respond.reply({ content: t.expired, ephemeral: true });
    if (session.userId !== request.actor.id)
      return respond.reply({ content: t.notYours, ephemeral: true });
    await respond.reply(postedCitationView(result, request.lang, request.actor.name));
  },
};

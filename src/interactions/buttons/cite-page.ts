import { texts } from "../i18n.ts";
import { citeView } from "../views/cite.ts";
import type { ButtonHandler } from "./button.ts";

/** /cite's Previous, Next and Context buttons: only the user who asked may press them. */
export const citePageButton: ButtonHandler<"cite"> = {
  async press(ctx, request, id, respond) {
    const t = texts(request.lang);
    const session = ctx.citeSessions.get(id.session);
    if (!session) return respond.reply({ content: t.expired, ephemeral: true });
    if (session.userId !== request.actor.id)
      return respond.reply({ content: t.notYours, ephemeral: true });
    const page = Math.min(Math.max(0, id.page), Math.max(0, session.results.length - 1));
    const result = session.results[page];
    const context =
      id.context && result ? ctx.corpus.context(result.articleId, result.passageId) : undefined;
    await respond.update(
      citeView({
        session: id.session,
        query: session.query,
        results: session.results,
        page,
        lang: request.lang,
        context,
        ephemeral: session.private,
        inGuild: request.guildId !== null,
        nearest: true,
      }),
    );
  },
};

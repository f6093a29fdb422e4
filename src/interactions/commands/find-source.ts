import type { Command } from "../context.ts";
import { texts } from "../i18n.ts";
import { citeView } from "../views/cite.ts";

/** How many passages "Find source" offers to page through. */
const RESULTS = 5;
/** A chat message is searched by its start; nobody cites a wall of text at once. */
const MAX_TEXT = 500;

/**
 * "Beleg finden" / "Find source" on a message's context menu: the passages that back (or
 * contradict) what the message says, shown only to the one who asked, with a button to show the
 * citation to the channel. The message's text arrives with the interaction: no Message Content
 * intent is needed.
 */
export const findSourceCommand: Command = {
  data: {
    name: "Find source",
    nameDe: "Beleg finden",
    kind: "message",
    description: {
      en: "The passages that back what a message says",
      de: "Die Stellen, die belegen, was eine Nachricht sagt",
    },
    where: "anywhere",
  },
  consoleArgs: [],
  async execute(ctx, request, respond) {
    const text = (request.target?.content ?? "").trim().slice(0, MAX_TEXT);
    if (text === "") {
      await respond.reply({ content: texts(request.lang).noText, ephemeral: true });
      return;
    }
    await respond.defer(true);
    const results = ctx.search.search(text, { limit: RESULTS, guildId: request.guildId });
    const session = ctx.citeSessions.add({
      userId: request.actor.id,
      query: text,
      results,
      private: true,
    });
    await respond.reply(
      citeView({
        session,
        query: text,
        results,
        page: 0,
        lang: request.lang,
        ephemeral: true,
        message: true,
      }),
    );
  },
};

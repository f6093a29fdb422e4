import { ButtonStyle, ComponentType } from "discord.js";
import type { Lang } from "../../quiz/types.ts";
import { sourceLine } from "../../search/citation.ts";
import type { SearchResult } from "../../search/searcher.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import { LIMITS, truncate } from "./limits.ts";
import { boldHighlightsWithin, plain } from "./markdown.ts";
import { COLOURS, type MessageView } from "./view.ts";

/** The neighbours of a passage, for the context view. */
export interface PassageContext {
  readonly before?: string | undefined;
  readonly after?: string | undefined;
}

const CONTEXT_SIDE = 900;

/** One /cite result: quote with matched words bold, source line, paging and context buttons. */
export function citeView(input: {
  session: string;
  query: string;
  results: readonly SearchResult[];
  page: number;
  lang: Lang;
  context?: PassageContext | undefined;
  ephemeral?: boolean;
}): MessageView {
  const t = texts(input.lang);
  if (input.results.length === 0) {
    return { content: truncate(t.nothingFound(input.query), LIMITS.content), ephemeral: true };
  }
  const page = Math.min(Math.max(0, input.page), input.results.length - 1);
  const r = input.results[page] as SearchResult;
  const showContext = input.context !== undefined;
  let description: string;
  if (showContext) {
    const before = input.context?.before
      ? `${plain(truncate(input.context.before, CONTEXT_SIDE))}\n\n`
      : "";
    const after = input.context?.after
      ? `\n\n${plain(truncate(input.context.after, CONTEXT_SIDE))}`
      : "";
    const room = LIMITS.embedDescription - before.length - after.length - 8;
    description = `${before}> ${boldHighlightsWithin(r.text, r.highlights, room).replaceAll("\n", "\n> ")}${after}`;
  } else {
    description = boldHighlightsWithin(r.text, r.highlights, 3500);
  }
  const id = (p: number, context: boolean) =>
    encodeCustomId({ kind: "cite", session: input.session, page: p, context });
  return {
    ...(input.ephemeral ? { ephemeral: true } : {}),
    embeds: [
      {
        color: COLOURS.cite,
        title: truncate(sourceLine(r), LIMITS.embedTitle),
        description: truncate(description, LIMITS.embedDescription),
        footer: {
          text: truncate(
            `${t.resultOf(page + 1, input.results.length)} · ${r.passageId} · ${r.start}–${r.end} · „${input.query}“`,
            LIMITS.footer,
          ),
        },
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: t.previous,
            custom_id: id(page - 1, false),
            disabled: page === 0,
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: t.next,
            custom_id: id(page + 1, false),
            disabled: page >= input.results.length - 1,
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            label: showContext ? t.hideContext : t.context,
            custom_id: id(page, !showContext),
          },
        ],
      },
    ],
  };
}

import type { PassageContext } from "../../corpus/reader.ts";
import { shownId } from "../../library/ids.ts";
import type { Lang } from "../../quiz/types.ts";
import { answerVerdict, type SearchResult } from "../../search/types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import { libraryTexts } from "../texts/library.ts";
import type { Inline, View } from "../view.ts";
import { sourceLine } from "./source-line.ts";
import { highlighted, truncate } from "./text.ts";

/** How much of the neighbouring passages the context view shows on each side. */
const CONTEXT_SIDE = 900;
/** A passage longer than this is cut: a citation is read in the chat, not studied there. */
const PASSAGE_MAX = 3500;
const PASSAGE_WITH_CONTEXT_MAX = 2000;

/** One /cite result: quote with matched words bold, source line, paging and context buttons. */
export function citeView(input: {
  session: string;
  query: string;
  results: readonly SearchResult[];
  page: number;
  lang: Lang;
  context?: PassageContext | undefined;
  ephemeral?: boolean;
  /** Asked in a server: a result can be proposed as a quiz question there. */
  inGuild?: boolean;
  /** The nearest passages were asked for: shown even when none backs the query. */
  nearest?: boolean;
  /** Asked about a chat message (Find source), not a typed query. */
  message?: boolean;
}): View {
  const t = texts(input.lang);
  if (input.results.length === 0) {
    return {
      content: input.message ? t.noSourceForMessage : t.nothingFound(input.query),
      ephemeral: true,
    };
  }
  const page = Math.min(Math.max(0, input.page), input.results.length - 1);
  const r = input.results[page] as SearchResult;
  const backed = answerVerdict(input.results) !== "none";
  if (!backed && !input.nearest) {
    // "No source" is the answer; the nearest passages wait behind a button that says they do
    // not back the query, and nothing offers to make a quiz question of them.
    return {
      ...(input.ephemeral ? { ephemeral: true } : {}),
      content: input.message ? t.noSourceForMessage : t.noSource(input.query),
      buttons: [
        [
          {
            style: "secondary",
            label: t.showNearest,
            customId: encodeCustomId({
              kind: "cite",
              session: input.session,
              page: 0,
              context: false,
            }),
          },
        ],
      ],
    };
  }
  const showContext = input.context !== undefined;
  let body: Inline[];
  if (showContext) {
    const before = input.context?.before;
    const after = input.context?.after;
    body = [
      ...(before ? [truncate(before, CONTEXT_SIDE), "\n\n"] : []),
      { quote: highlighted(r.text, r.highlights, PASSAGE_WITH_CONTEXT_MAX) },
      ...(after ? ["\n\n", truncate(after, CONTEXT_SIDE)] : []),
    ];
  } else {
    body = highlighted(r.text, r.highlights, PASSAGE_MAX);
  }
  body = [...verdictLines(r, input.lang), ...body];
  const id = (p: number, context: boolean) =>
    encodeCustomId({ kind: "cite", session: input.session, page: p, context });
  // A private answer can be shown to the channel once its asker has checked it.
  const post = input.ephemeral
    ? [
        {
          style: "success" as const,
          label: t.post,
          customId: encodeCustomId({ kind: "post", session: input.session, page }),
        },
      ]
    : [];
  return {
    ...(input.ephemeral ? { ephemeral: true } : {}),
    cards: [
      {
        colour: "cite",
        title: sourceLine(r),
        body,
        footer: [
          `${t.resultOf(page + 1, input.results.length)} · ${shownId(r.passageId)} · ${r.start}–${r.end} · „${input.query}“`,
          ...(r.understood.length > 0
            ? [t.understood(r.understood.map((u) => `${u.from} → ${u.to}`).join(", "))]
            : []),
        ].join("\n"),
      },
    ],
    buttons: [
      [
        {
          style: "secondary",
          label: t.previous,
          customId: id(page - 1, false),
          disabled: page === 0,
        },
        {
          style: "secondary",
          label: t.next,
          customId: id(page + 1, false),
          disabled: page >= input.results.length - 1,
        },
        {
          style: "primary",
          label: showContext ? t.hideContext : t.context,
          customId: id(page, !showContext),
        },
        ...post,
        ...(input.inGuild && backed
          ? [
              {
                style: "secondary" as const,
                label: libraryTexts(input.lang).propose,
                customId: encodeCustomId({ kind: "propose", session: input.session, page }),
              },
            ]
          : []),
      ],
    ],
  };
}

/** A citation shown to the channel: the passage and its source, no buttons. */
export function postedCitationView(result: SearchResult, lang: Lang, sharedBy: string): View {
  return {
    cards: [
      {
        colour: "cite",
        title: sourceLine(result),
        body: [
          ...verdictLines(result, lang),
          ...highlighted(result.text, result.highlights, PASSAGE_MAX),
        ],
        footer: `${shownId(result.passageId)} · ${texts(lang).postedBy(sharedBy)}`,
      },
    ],
  };
}

/**
 * What the check found, in words that claim no more than it does (it aligns words and numbers):
 * the numbers the passage gives differently, the words and numbers it lacks, or that all are
 * there. Ends with a blank line before the passage.
 */
function verdictLines(r: SearchResult, lang: Lang): Inline[] {
  const t = texts(lang);
  const lines: string[] = [];
  if (r.verdict === "none") lines.push(t.verdictNone);
  for (const d of r.differences) lines.push(t.textSays(d.text, d.query));
  if (r.missing.length > 0) lines.push(t.notInText(r.missing.join(", ")));
  if (r.verdict === "backs") lines.push(t.verdictBacks);
  return lines.length > 0 ? [{ bold: lines.join("\n") }, "\n\n"] : [];
}

import type { LibraryListing } from "../../library/library.ts";
import type { Refusal } from "../../library/limits.ts";
import type { PendingProposal } from "../../library/proposals.ts";
import type { Lang } from "../../quiz/types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import { notStoredText } from "../not-stored.ts";
import { libraryTexts } from "../texts/library.ts";
import { zipProblemText } from "../texts/zip.ts";
import type { Inline, View } from "../view.ts";
import { truncate } from "./text.ts";

/** Problems listed in one message; the rest are counted. */
const PROBLEMS_SHOWN = 12;

/** A heading and the first problems, the rest counted. */
function listed(heading: string, problems: readonly string[]): string {
  const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => `• ${p}`);
  const more = problems.length - shown.length;
  return [heading, ...shown, ...(more > 0 ? [`… (+${more})`] : [])].join("\n");
}

/** A refused library action, told privately in the asker's language. */
export function refusalView(refusal: Refusal, lang: Lang): View {
  const l = libraryTexts(lang);
  const content = (): string => {
    switch (refusal.kind) {
      case "too-many-articles":
        return l.tooManyArticles(refusal.limit);
      case "too-many-claims":
        return l.tooManyClaims(refusal.limit);
      case "too-large":
        return l.tooLarge(refusal.limit);
      case "too-often":
        return l.tooOften(refusal.limit);
      case "unknown-article":
        return texts(lang).unknownArticle(refusal.typed);
      case "not-stored":
        return notStoredText(texts(lang), refusal.reason);
      case "busy":
        return l.busy;
      case "over-budget":
        return refusal.resource === "time"
          ? l.overTime(Math.ceil(refusal.limit / 1000))
          : l.overMemory(refusal.limit);
      case "invalid":
        return listed(l.invalid, refusal.problems);
      case "bad-zip":
        return listed(
          l.invalid,
          refusal.problems.map((p) => zipProblemText(p, lang)),
        );
    }
  };
  return { content: content(), ephemeral: true };
}

const when = (at: number): Inline[] => [{ time: at }];

export function libraryListView(listing: LibraryListing, lang: Lang): View {
  const l = libraryTexts(lang);
  const articles: Inline[] = listing.articles.flatMap((a, i) => [
    ...(i > 0 ? ["\n"] : []),
    { code: a.slug },
    ` ${a.title ?? ""} · ${a.passages} ¶ · ${l.addedBy(a.addedByName)}, `,
    ...when(a.addedAt),
  ]);
  const hidden: Inline[] = listing.hidden.flatMap((h, i) => [
    ...(i > 0 ? ["\n"] : []),
    { code: h.id },
    h.title ? ` ${h.title}` : "",
  ]);
  const events: Inline[] = listing.events.flatMap((e, i) => [
    ...(i > 0 ? ["\n"] : []),
    ...when(e.at),
    ` ${e.userName}: ${l.actions[e.action] ?? e.action} `,
    { code: e.subject },
  ]);
  const { pending, approved, rejected } = listing.claims;
  return {
    ephemeral: true,
    cards: [
      {
        colour: "info",
        title: l.listTitle,
        fields: [
          { name: l.ownArticles, value: articles.length > 0 ? articles : l.noArticles },
          ...(hidden.length > 0 ? [{ name: l.hiddenShared, value: hidden }] : []),
          { name: l.quizClaims, value: l.claims(pending, approved, rejected) },
          ...(listing.roleId ? [{ name: l.role, value: listing.roleId }] : []),
          ...(events.length > 0 ? [{ name: l.history, value: events }] : []),
        ],
      },
    ],
  };
}

/** The oldest open proposal, with buttons to approve or reject it. */
export function proposalReviewView(proposal: PendingProposal, open: number, lang: Lang): View {
  const l = libraryTexts(lang);
  const question = [proposal.question.de, proposal.question.en].filter(Boolean).join("\n");
  return {
    ephemeral: true,
    cards: [
      {
        colour: "quiz",
        title: l.reviewTitle(open),
        body: question,
        fields: [
          { name: l.answer, value: proposal.answers.join(" · "), inline: true },
          ...(proposal.accept.length > 0
            ? [{ name: l.accept, value: proposal.accept.join(" · "), inline: true }]
            : []),
          ...(proposal.distractors.length > 0
            ? [{ name: l.distractors, value: proposal.distractors.join(" · ") }]
            : []),
          { name: l.quote, value: [{ quote: [truncate(proposal.quote, 900)] }] },
        ],
        footer: `${proposal.slug} · ${l.proposedBy(proposal.proposedByName)}`,
      },
    ],
    buttons: [
      [
        {
          style: "success",
          label: l.approve,
          customId: encodeCustomId({ kind: "verdict", proposal: proposal.id, approve: true }),
        },
        {
          style: "danger",
          label: l.reject,
          customId: encodeCustomId({ kind: "verdict", proposal: proposal.id, approve: false }),
        },
      ],
    ],
  };
}

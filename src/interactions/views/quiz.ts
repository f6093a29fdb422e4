import type { OpenedQuestion, RevealResult } from "../../quiz/round-types.ts";
import type { Standing } from "../../quiz/stores.ts";
import type { Lang } from "../../quiz/types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import { pictureTexts } from "../texts/pictures.ts";
import type { Button, Inline, Picture, View } from "../view.ts";
import { optionKey, optionLabel } from "./option-keys.ts";
import { rankingPicture } from "./pictures.ts";

/** The buttons under a question: its options, or the one that opens the answer form. */
function answerButtons(q: OpenedQuestion, lang: Lang, closed: boolean): Button[] {
  const { question } = q;
  if (question.kind === "typed") {
    return [
      {
        style: "primary",
        label: `✎ ${texts(lang).typeAnswer}`,
        key: "A",
        answersByText: true,
        customId: encodeCustomId({ kind: "typed", roundId: q.roundId, position: q.position }),
        disabled: closed,
      },
    ];
  }
  return question.options.map((option, i) => ({
    style: closed && i === question.correctIndex ? "success" : "secondary",
    label: optionLabel(question.kind, i, option),
    key: optionKey(question.kind, i),
    customId: encodeCustomId({
      kind: "quiz",
      roundId: q.roundId,
      position: q.position,
      option: i,
    }),
    disabled: closed,
  }));
}

/** A question with its answer buttons and a live countdown. */
export function questionView(q: OpenedQuestion, lang: Lang, closed = false): View {
  const t = texts(lang);
  const { question } = q;
  const hint = { mc: "", tf: ` · ${t.trueOrFalse}`, typed: ` · ${t.typedQuestion}` }[question.kind];
  return {
    content: closed ? "" : t.closes(q.closesAt),
    cards: [
      {
        colour: "quiz",
        title: `${t.question(q.position + 1, q.total)}${hint}`,
        body: question.prompt,
        ...(question.kind === "mc"
          ? {
              fields: question.options.map((o, i) => ({
                name: optionKey("mc", i),
                value: o,
                inline: true,
              })),
            }
          : {}),
      },
    ],
    buttons: [answerButtons(q, lang, closed)],
  };
}

const BAR_WIDTH = 12;

function bar(count: number, total: number): string {
  const filled = total === 0 ? 0 : Math.round((count / total) * BAR_WIDTH);
  return `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
}

/** How the players voted: a bar per option, or how many typed the answer right and wrong. */
function votesText(r: RevealResult, lang: Lang): Inline[] {
  const { question } = r;
  if (question.kind === "typed")
    return [texts(lang).typedCounts(r.counts[0] ?? 0, r.counts[1] ?? 0)];
  const total = r.counts.reduce((a, b) => a + b, 0);
  const key = (i: number) =>
    question.kind === "tf" ? (question.options[i] as string) : optionKey("mc", i);
  return question.options.flatMap((_, i) => [
    ...(i > 0 ? ["\n"] : []),
    { code: key(i).padEnd(6) },
    ` ${bar(r.counts[i] ?? 0, total)} ${r.counts[i] ?? 0}${i === question.correctIndex ? " ✓" : ""}`,
  ]);
}

/** Who was right and the points each just earned ("Anna +135, Ben +90"); names never ping. */
function rightText(r: RevealResult, lang: Lang): Inline[] | string {
  if (r.right.length === 0) return texts(lang).nobodyRight;
  return r.right.flatMap((p, i) => [
    ...(i > 0 ? [", "] : []),
    p.name,
    " ",
    { bold: `+${p.points}` },
  ]);
}

/**
 * The reveal: the right answer, the votes, who was right with their points, the evidence, and a
 * button to report the question as wrong.
 */
export function revealView(r: RevealResult, lang: Lang, source: string): View {
  const t = texts(lang);
  const { question } = r;
  const answer = question.options[question.correctIndex] as string;
  const letter = question.kind === "mc" ? `${optionKey("mc", question.correctIndex)} · ` : "";
  return {
    cards: [
      {
        colour: "right",
        title: `${t.answer}: ${letter}${answer}`,
        fields: [
          { name: t.votes, value: votesText(r, lang) },
          { name: t.rightWere, value: rightText(r, lang) },
          { name: t.evidence, value: [{ quote: [question.citation.quote] }] },
        ],
        footer: source,
      },
    ],
    buttons: [
      [
        {
          style: "secondary",
          label: t.reportQuestion,
          customId: encodeCustomId({ kind: "report", roundId: r.roundId, position: r.position }),
        },
      ],
    ],
  };
}

const MEDALS = ["🥇", "🥈", "🥉"];
const STANDINGS_SHOWN = 20;

/**
 * Standings as text (the first twenty) and as a picture of the first ten: a podium at a round's
 * end, bars for the leaderboard.
 */
export function standingsView(
  standings: readonly Standing[],
  lang: Lang,
  title: string,
  picture: { layout: "podium" | "bars"; subtitle?: string } = { layout: "podium" },
): View {
  const t = texts(lang);
  const drawn: Picture | undefined =
    standings.length > 0
      ? rankingPicture(standings, lang, {
          name: picture.layout === "podium" ? "standings.png" : "leaderboard.png",
          title,
          layout: picture.layout,
          ...(picture.layout === "podium"
            ? { subtitle: picture.subtitle ?? pictureTexts(lang).players(standings.length) }
            : picture.subtitle
              ? { subtitle: picture.subtitle }
              : {}),
        })
      : undefined;
  const lines: Inline[] = standings
    .slice(0, STANDINGS_SHOWN)
    .flatMap((s, i) => [
      ...(i > 0 ? ["\n"] : []),
      `${MEDALS[i] ?? `${i + 1}.`} `,
      s.userName,
      " — ",
      { bold: String(s.points) },
      ` ${t.points} (${s.correct}/${s.answered})`,
    ]);
  return {
    cards: [{ colour: "quiz", title, body: lines.length > 0 ? lines : t.nobodyAnswered }],
    ...(drawn ? { picture: drawn } : {}),
  };
}

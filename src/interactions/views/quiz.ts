import type { OpenedQuestion, RevealResult } from "../../quiz/round-types.ts";
import type { Standing } from "../../quiz/standings.ts";
import type { Lang } from "../../quiz/types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import type { Inline, View } from "../view.ts";
import { optionKey, optionLabel } from "./option-keys.ts";

/** A question with its answer buttons and a live countdown. */
export function questionView(q: OpenedQuestion, lang: Lang, closed = false): View {
  const t = texts(lang);
  const { question } = q;
  const title = `${t.question(q.position + 1, q.total)}${question.kind === "tf" ? ` · ${t.trueOrFalse}` : ""}`;
  return {
    content: closed ? "" : t.closes(q.closesAt),
    cards: [
      {
        colour: "quiz",
        title,
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
    buttons: [
      question.options.map((option, i) => ({
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
      })),
    ],
  };
}

const BAR_WIDTH = 12;

function bar(count: number, total: number): string {
  const filled = total === 0 ? 0 : Math.round((count / total) * BAR_WIDTH);
  return `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
}

/** The reveal: the right option, votes as bars, who was right (names, no pings), the evidence. */
export function revealView(r: RevealResult, lang: Lang, source: string): View {
  const t = texts(lang);
  const { question } = r;
  const total = r.counts.reduce((a, b) => a + b, 0);
  const key = (i: number) =>
    question.kind === "tf" ? (question.options[i] as string) : optionKey("mc", i);
  const votes: Inline[] = question.options.flatMap((_, i) => [
    ...(i > 0 ? ["\n"] : []),
    { code: key(i).padEnd(6) },
    ` ${bar(r.counts[i] ?? 0, total)} ${r.counts[i] ?? 0}${i === question.correctIndex ? " ✓" : ""}`,
  ]);
  const right = r.rightNames.length > 0 ? r.rightNames.join(", ") : t.nobodyRight;
  const answer = question.options[question.correctIndex] as string;
  return {
    cards: [
      {
        colour: "right",
        title: `${t.answer}: ${question.kind === "mc" ? `${key(question.correctIndex)} · ` : ""}${answer}`,
        fields: [
          { name: t.votes, value: votes },
          { name: t.rightWere, value: right },
          { name: t.evidence, value: [{ quote: [question.citation.quote] }] },
        ],
        footer: source,
      },
    ],
  };
}

const MEDALS = ["🥇", "🥈", "🥉"];
const STANDINGS_SHOWN = 20;

export function standingsView(standings: readonly Standing[], lang: Lang, title: string): View {
  const t = texts(lang);
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
  };
}

import { ButtonStyle, ComponentType } from "discord.js";
import type { OpenedQuestion, RevealResult } from "../../quiz/service.ts";
import type { Standing } from "../../quiz/store.ts";
import type { Lang } from "../../quiz/types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import { LIMITS, truncate } from "./limits.ts";
import { plain } from "./markdown.ts";
import { COLOURS, type MessageView } from "./view.ts";

const LETTERS = ["A", "B", "C", "D"];

function optionLabel(kind: "mc" | "tf", index: number, option: string): string {
  return truncate(kind === "tf" ? option : `${LETTERS[index]} · ${option}`, LIMITS.buttonLabel);
}

/** A question with its answer buttons and a live countdown (Discord's relative timestamp). */
export function questionView(q: OpenedQuestion, lang: Lang, closed = false): MessageView {
  const t = texts(lang);
  const { question } = q;
  const title = `${t.question(q.position + 1, q.total)}${question.kind === "tf" ? ` · ${t.trueOrFalse}` : ""}`;
  return {
    content: closed ? "" : t.closes(`<t:${Math.ceil(q.closesAt / 1000)}:R>`),
    embeds: [
      {
        color: COLOURS.quiz,
        title: truncate(title, LIMITS.embedTitle),
        description: truncate(plain(question.prompt), LIMITS.embedDescription),
        ...(question.kind === "mc"
          ? {
              fields: question.options.map((o, i) => ({
                name: LETTERS[i] as string,
                value: truncate(plain(o), LIMITS.fieldValue),
                inline: true,
              })),
            }
          : {}),
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: question.options.map((option, i) => ({
          type: ComponentType.Button,
          style:
            closed && i === question.correctIndex ? ButtonStyle.Success : ButtonStyle.Secondary,
          label: optionLabel(question.kind, i, option),
          custom_id: encodeCustomId({
            kind: "quiz",
            roundId: q.roundId,
            position: q.position,
            option: i,
          }),
          disabled: closed,
        })),
      },
    ],
  };
}

const BAR_WIDTH = 12;

function bar(count: number, total: number): string {
  const filled = total === 0 ? 0 : Math.round((count / total) * BAR_WIDTH);
  return `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
}

/** The reveal: the right option, votes as bars, who was right (names, no pings), the evidence. */
export function revealView(r: RevealResult, lang: Lang, source: string): MessageView {
  const t = texts(lang);
  const total = r.counts.reduce((a, b) => a + b, 0);
  const key = (i: number) =>
    r.question.kind === "tf" ? (r.question.options[i] as string) : (LETTERS[i] as string);
  const votes = r.question.options
    .map(
      (_, i) =>
        `\`${key(i).padEnd(6)}\` ${bar(r.counts[i] ?? 0, total)} ${r.counts[i] ?? 0}${i === r.question.correctIndex ? " ✓" : ""}`,
    )
    .join("\n");
  const right = r.rightNames.length > 0 ? r.rightNames.map(plain).join(", ") : t.nobodyRight;
  const answer = r.question.options[r.question.correctIndex] as string;
  return {
    embeds: [
      {
        color: COLOURS.right,
        title: truncate(
          `${t.answer}: ${r.question.kind === "mc" ? `${key(r.question.correctIndex)} · ` : ""}${answer}`,
          LIMITS.embedTitle,
        ),
        fields: [
          { name: t.votes, value: truncate(votes, LIMITS.fieldValue) },
          { name: t.rightWere, value: truncate(right, LIMITS.fieldValue) },
          {
            name: t.evidence,
            value: truncate(`> ${plain(r.question.citation.quote)}`, LIMITS.fieldValue),
          },
        ],
        footer: { text: truncate(source, LIMITS.footer) },
      },
    ],
  };
}

export function standingsView(
  standings: readonly Standing[],
  lang: Lang,
  title: string,
): MessageView {
  const t = texts(lang);
  const medal = (i: number) => ["🥇", "🥈", "🥉"][i] ?? `${i + 1}.`;
  const lines = standings
    .slice(0, 20)
    .map(
      (s, i) =>
        `${medal(i)} ${plain(s.userName)} — **${s.points}** ${t.points} (${s.correct}/${s.answered})`,
    );
  return {
    embeds: [
      {
        color: COLOURS.quiz,
        title: truncate(title, LIMITS.embedTitle),
        description: truncate(
          lines.length > 0 ? lines.join("\n") : t.nobodyAnswered,
          LIMITS.embedDescription,
        ),
      },
    ],
  };
}

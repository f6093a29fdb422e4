import type { Streak } from "../../quiz/daily.ts";
import type { DailyAnswer, DailyPost, DailySchedule } from "../../quiz/daily-stores.ts";
import type { Lang } from "../../quiz/types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import { dailyTexts } from "../texts/daily.ts";
import type { Button, Form, Inline, View } from "../view.ts";
import { ANSWER_FIELD, ANSWER_MAX_LENGTH } from "./forms.ts";
import { optionKey, optionLabel } from "./option-keys.ts";

/** "28.03." / "03/28": the day as people of the language write it. */
function shownDay(day: string, lang: Lang): string {
  const [, month, date] = day.split("-");
  return lang === "de" ? `${date}.${month}.` : `${month}/${date}`;
}

function answerButtons(post: DailyPost, closed: boolean): Button[] {
  const { question } = post;
  const t = texts(post.lang);
  if (question.kind === "typed")
    return [
      {
        style: "primary",
        label: `✎ ${t.typeAnswer}`,
        key: "A",
        answersByText: true,
        customId: encodeCustomId({ kind: "dtyped", post: post.id }),
        disabled: closed,
      },
    ];
  return question.options.map((option, i) => ({
    style: "secondary",
    label: optionLabel(question.kind, i, option),
    key: optionKey(question.kind, i),
    customId: encodeCustomId({ kind: "daily", post: post.id, option: i }),
    disabled: closed,
  }));
}

/** The day's question with its answer buttons and when it closes. */
export function dailyQuestionView(post: DailyPost): View {
  const t = texts(post.lang);
  const d = dailyTexts(post.lang);
  const { question } = post;
  const hint = { mc: "", tf: ` · ${t.trueOrFalse}`, typed: ` · ${t.typedQuestion}` }[question.kind];
  return {
    content: d.closes(post.closesAt),
    cards: [
      {
        colour: "quiz",
        title: `${d.title(shownDay(post.day, post.lang))}${hint}`,
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
    buttons: [answerButtons(post, false)],
  };
}

/** The form a member types the day's answer into. */
export function dailyAnswerForm(postId: number, lang: Lang): Form {
  const t = texts(lang);
  return {
    customId: encodeCustomId({ kind: "danswer", post: postId }),
    title: t.answerTitle,
    fields: [{ id: ANSWER_FIELD, label: t.answerLabel, long: false, maxLength: ANSWER_MAX_LENGTH }],
  };
}

/** "Anna 🔥 5, Ben 🔥 2": names as plain text (escaped where rendered, never a mention). */
function streakLine(streaks: readonly Streak[], limit: number): Inline[] {
  return streaks
    .slice(0, limit)
    .flatMap((s, i) => [...(i > 0 ? [", "] : []), s.userName, ` 🔥 ${s.days}`]);
}

export interface DailyReveal {
  readonly post: DailyPost;
  readonly answers: readonly DailyAnswer[];
  readonly streaks: readonly Streak[];
  /** The evidence's source line. */
  readonly source: string;
}

const NAMES_SHOWN = 30;

/**
 * The day's reveal: the right answer, the share of right answers, who was right with their
 * running streaks, the evidence quote with its source, and the report button of rounds.
 */
export function dailyRevealView(r: DailyReveal): View {
  const { post } = r;
  const t = texts(post.lang);
  const d = dailyTexts(post.lang);
  const { question } = post;
  const answer = question.options[question.correctIndex] as string;
  const letter = question.kind === "mc" ? `${optionKey("mc", question.correctIndex)} · ` : "";
  const right = r.answers.filter((a) => a.correct);
  const streakOf = new Map(r.streaks.map((s) => [s.userId, s.days]));
  const names: Inline[] = right
    .slice(0, NAMES_SHOWN)
    .flatMap((a, i) => [
      ...(i > 0 ? [", "] : []),
      a.userName,
      ...((streakOf.get(a.userId) ?? 0) > 1 ? [` 🔥 ${streakOf.get(a.userId)}`] : []),
    ]);
  const more = right.length > NAMES_SHOWN ? [` (+${right.length - NAMES_SHOWN})`] : [];
  return {
    cards: [
      {
        colour: "right",
        title: `${d.title(shownDay(post.day, post.lang))} · ${t.answer}: ${letter}${answer}`,
        body: question.prompt,
        fields: [
          { name: d.shareName, value: d.share(right.length, r.answers.length) },
          { name: t.rightWere, value: names.length > 0 ? [...names, ...more] : t.nobodyRight },
          { name: t.evidence, value: [{ quote: [question.citation.quote] }] },
        ],
        footer: r.source,
      },
    ],
    buttons: [
      [
        {
          style: "secondary",
          label: t.reportQuestion,
          customId: encodeCustomId({ kind: "report", roundId: post.roundId, position: 0 }),
        },
      ],
    ],
  };
}

export interface DailyOverview {
  readonly schedule: DailySchedule;
  readonly nextAt: number;
  readonly streaks: readonly Streak[];
}

/** /daily show: the schedule, the next post as a timestamp, the longest running streaks. */
export function dailyOverviewView(o: DailyOverview, lang: Lang): View {
  const d = dailyTexts(lang);
  const s = o.schedule;
  return {
    ephemeral: true,
    ...(s.pausedReason ? { content: d.paused[s.pausedReason] } : {}),
    cards: [
      {
        colour: s.pausedReason ? "warn" : "info",
        title: d.scheduleTitle,
        fields: [
          { name: d.where, value: [{ channel: s.channelId }], inline: true },
          { name: d.when, value: `${s.time} (${s.timeZone})`, inline: true },
          { name: d.open, value: d.hoursOpen(s.hours), inline: true },
          ...(s.pausedReason ? [] : [{ name: d.next, value: [{ time: o.nextAt }] }]),
          {
            name: d.longest,
            value: o.streaks.length > 0 ? streakLine(o.streaks, 10) : d.noStreaks,
          },
        ],
      },
    ],
  };
}

import { MAX_ROWS, MAX_TOPICS } from "../../pictures/charts.ts";
import { drawable } from "../../pictures/fit.ts";
import type { DayPoints } from "../../quiz/days.ts";
import type { TopicTally } from "../../quiz/standings.ts";
import type { Standing } from "../../quiz/stores.ts";
import type { Lang } from "../../quiz/types.ts";
import { pictureTexts } from "../texts/pictures.ts";
import type { Picture } from "../view.ts";

/** Discord takes at most this many characters as a file's description. */
const ALT_MAX = 1024;

/**
 * Alt text without control characters (a direction override in a name would reorder all that
 * follows), cut to Discord's limit at a whole line ("; "), ending with an ellipsis.
 */
function altWithin(raw: string): string {
  const text = drawable(raw);
  if (text.length <= ALT_MAX) return text;
  const room = text.slice(0, ALT_MAX - 1);
  const cut = room.lastIndexOf("; ");
  return `${cut > ALT_MAX / 2 ? room.slice(0, cut) : room}…`;
}

const shareOf = (correct: number, answered: number) => (answered > 0 ? correct / answered : 0);

/**
 * Standings as a picture: a podium (a round's end) or bars (the leaderboard) of the first ten,
 * with points and accuracy, and the same as text for screen readers.
 */
export function rankingPicture(
  standings: readonly Standing[],
  lang: Lang,
  shown: { name: string; layout: "bars" | "podium"; title: string; subtitle?: string },
): Picture {
  const p = pictureTexts(lang);
  const top = standings.slice(0, MAX_ROWS);
  const rows = top.map((s) => ({
    label: s.userName,
    value: s.points,
    points: p.points(s.points),
    percent: p.percent(shareOf(s.correct, s.answered)),
  }));
  return {
    name: shown.name,
    chart: {
      kind: "ranking",
      layout: shown.layout,
      title: shown.title,
      ...(shown.subtitle ? { subtitle: shown.subtitle } : {}),
      rows: rows.map((r) => ({
        label: r.label,
        value: r.value,
        caption: `${r.points} · ${r.percent}`,
      })),
    },
    alt: altWithin(
      p.rankingAlt(
        shown.title,
        rows.map((r, i) => p.playerLine(i + 1, r.label, r.points, r.percent)),
      ),
    ),
  };
}

/** What the member picture's days show, in words: the total, on how many days, the best day. */
export function daysSummary(days: readonly DayPoints[], lang: Lang): string {
  const p = pictureTexts(lang);
  const total = days.reduce((n, d) => n + d.points, 0);
  const active = days.filter((d) => d.points > 0);
  const best = active.reduce<DayPoints | undefined>(
    (b, d) => (b === undefined || d.points > b.points ? d : b),
    undefined,
  );
  return [
    p.activeDays(p.points(total), active.length),
    ...(best ? [p.bestDay(best.date, p.points(best.points))] : []),
  ].join(", ");
}

/** Topics with their share of right answers, as text ("Musk 80 % (8/10); …"). */
export function topicsSummary(
  topics: readonly TopicTally[],
  topicLabel: (tag: string) => string,
  lang: Lang,
): string {
  const p = pictureTexts(lang);
  if (topics.length === 0) return p.noTopics;
  return topics
    .slice(0, MAX_TOPICS)
    .map((t) => {
      const caption = p.topicCaption(
        p.percent(shareOf(t.correct, t.answered)),
        t.correct,
        t.answered,
      );
      return `${topicLabel(t.tag)} ${caption}`;
    })
    .join("; ");
}

/** A member's points per day and accuracy per topic as a picture, and the same as text. */
export function memberPicture(
  title: string,
  days: readonly DayPoints[],
  topics: readonly TopicTally[],
  topicLabel: (tag: string) => string,
  lang: Lang,
): Picture {
  const p = pictureTexts(lang);
  const total = days.reduce((n, d) => n + d.points, 0);
  const shown = topics.slice(0, MAX_TOPICS).map((t) => {
    const share = shareOf(t.correct, t.answered);
    return {
      label: topicLabel(t.tag),
      share,
      caption: p.topicCaption(p.percent(share), t.correct, t.answered),
    };
  });
  return {
    name: "stats.png",
    chart: {
      kind: "member",
      title,
      daysHeading: p.lastDays(days.length, p.points(total)),
      days: days.map((d) => ({ label: p.day(d.date), value: d.points })),
      topicsHeading: p.topics,
      noTopics: p.noTopics,
      topics: shown,
    },
    alt: altWithin(
      p.memberAlt(
        title,
        p.lastDays(days.length, daysSummary(days, lang)),
        topicsSummary(topics, topicLabel, lang),
      ),
    ),
  };
}

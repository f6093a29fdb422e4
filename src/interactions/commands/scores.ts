import type { Command } from "../context.ts";
import { texts } from "../i18n.ts";
import { dailyTexts } from "../texts/daily.ts";
import { pictureTexts } from "../texts/pictures.ts";
import { daysSummary, memberPicture, topicsSummary } from "../views/pictures.ts";
import { standingsView } from "../views/quiz.ts";
import { refuseBadOptions, serverOf, str } from "./options.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const PERIODS = { all: undefined, week: 7 * DAY_MS, day: DAY_MS } as const;

export const leaderboardCommand: Command = {
  data: {
    name: "leaderboard",
    nameDe: "rangliste",
    description: { en: "This server's quiz standings", de: "Die Quiz-Rangliste dieses Servers" },
    where: "guild",
    options: [
      {
        name: "period",
        nameDe: "zeitraum",
        type: "string",
        description: { en: "All time, this week or today", de: "Gesamt, diese Woche oder heute" },
        choices: [
          { value: "all", name: { en: "all time", de: "gesamt" } },
          { value: "week", name: { en: "this week", de: "diese Woche" } },
          { value: "day", name: { en: "today", de: "heute" } },
        ],
      },
    ],
  },
  consoleArgs: ["period"],
  async execute(ctx, request, respond) {
    const t = texts(request.lang);
    const guildId = await serverOf(request, respond);
    if (guildId === null) return;
    if (await refuseBadOptions(leaderboardCommand.data.options ?? [], request, respond)) return;
    const period = (str(request.options.period) ?? "all") as keyof typeof PERIODS;
    const span = PERIODS[period] ?? undefined;
    const rows = await ctx.scores.leaderboard(
      guildId,
      span === undefined ? undefined : ctx.clock() - span,
    );
    const title = `${t.leaderboard} · ${t.periods[period in PERIODS ? period : "all"]}`;
    await respond.reply(
      rows.length === 0
        ? { content: t.leaderboardEmpty }
        : standingsView(rows, request.lang, title, { layout: "bars" }),
    );
  },
};

export const statsCommand: Command = {
  data: {
    name: "stats",
    nameDe: "statistik",
    description: {
      en: "Points, accuracy, rounds, best streak, weakest topics",
      de: "Punkte, Trefferquote, Runden, beste Serie, schwächste Themen",
    },
    where: "guild",
    options: [
      {
        name: "user",
        nameDe: "nutzer",
        type: "user",
        description: { en: "Whose stats (you by default)", de: "Wessen Statistik (sonst deine)" },
      },
    ],
  },
  consoleArgs: [],
  async execute(ctx, request, respond) {
    const t = texts(request.lang);
    const guildId = await serverOf(request, respond);
    if (guildId === null) return;
    const userId = str(request.options.user) ?? request.actor.id;
    const name =
      str(request.options.user_name) ?? (userId === request.actor.id ? request.actor.name : userId);
    const [stats, dailyStreak] = await Promise.all([
      ctx.scores.stats(guildId, userId),
      ctx.daily.memberStreak(guildId, userId),
    ]);
    if (!stats) {
      await respond.reply({ content: t.noStats(name) });
      return;
    }
    const days = await ctx.scores.recentDays(guildId, userId, ctx.clock());
    const accuracy = stats.answered > 0 ? Math.round((stats.correct / stats.answered) * 100) : 0;
    const labels = new Map(
      ctx.corpus.topics(request.guildId).map((x) => [x.slug, x.label[request.lang]]),
    );
    const topicLabel = (tag: string) => labels.get(tag) ?? tag;
    const weakest =
      stats.weakestTopics.length > 0
        ? stats.weakestTopics
            .map((w) => `${topicLabel(w.tag)} (${w.correct}/${w.answered})`)
            .join(", ")
        : t.none;
    const p = pictureTexts(request.lang);
    await respond.reply({
      picture: memberPicture(t.stats(name), days, stats.topics, topicLabel, request.lang),
      cards: [
        {
          colour: "quiz",
          title: t.stats(name),
          fields: [
            { name: t.points, value: String(stats.points), inline: true },
            {
              name: t.accuracy,
              value: `${accuracy} % (${stats.correct}/${stats.answered})`,
              inline: true,
            },
            { name: t.rounds, value: String(stats.rounds), inline: true },
            { name: t.bestStreak, value: String(stats.bestStreak), inline: true },
            { name: dailyTexts(request.lang).streakStat, value: `🔥 ${dailyStreak}`, inline: true },
            { name: t.weakest, value: weakest },
            { name: p.recent(days.length), value: daysSummary(days, request.lang) },
            { name: p.topics, value: topicsSummary(stats.topics, topicLabel, request.lang) },
          ],
        },
      ],
    });
  },
};

import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { leaderboard, userStats } from "../../quiz/store.ts";
import type { Command } from "../context.ts";
import { texts } from "../i18n.ts";
import { LIMITS, truncate } from "../render/limits.ts";
import { plain } from "../render/markdown.ts";
import { standingsView } from "../render/quiz.ts";
import { COLOURS } from "../render/view.ts";
import { serverOf, str } from "./options.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const PERIODS = { all: undefined, week: 7 * DAY_MS, day: DAY_MS } as const;

export const leaderboardCommand: Command = {
  data: new SlashCommandBuilder()
    .setName("leaderboard")
    .setNameLocalizations({ de: "rangliste" })
    .setDescription("This server's quiz standings")
    .setDescriptionLocalizations({ de: "Die Quiz-Rangliste dieses Servers" })
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName("period")
        .setNameLocalizations({ de: "zeitraum" })
        .setDescription("All time, this week or today")
        .setDescriptionLocalizations({ de: "Gesamt, diese Woche oder heute" })
        .addChoices(
          { name: "all time", name_localizations: { de: "gesamt" }, value: "all" },
          { name: "this week", name_localizations: { de: "diese Woche" }, value: "week" },
          { name: "today", name_localizations: { de: "heute" }, value: "day" },
        ),
    )
    .toJSON(),
  consoleArgs: ["period"],
  async execute(ctx, request, respond) {
    const t = texts(request.lang);
    const guildId = await serverOf(request, respond);
    if (guildId === null) return;
    const period = (str(request.options.period) ?? "all") as keyof typeof PERIODS;
    const span = PERIODS[period] ?? undefined;
    const rows = leaderboard(ctx.db, guildId, span === undefined ? undefined : ctx.clock() - span);
    const title = `${t.leaderboard} · ${t.periods[period in PERIODS ? period : "all"]}`;
    await respond.reply(
      rows.length === 0
        ? { content: t.leaderboardEmpty }
        : standingsView(rows, request.lang, title),
    );
  },
};

export const statsCommand: Command = {
  data: new SlashCommandBuilder()
    .setName("stats")
    .setNameLocalizations({ de: "statistik" })
    .setDescription("Points, accuracy, rounds, best streak, weakest topics")
    .setDescriptionLocalizations({
      de: "Punkte, Trefferquote, Runden, beste Serie, schwächste Themen",
    })
    .setContexts(InteractionContextType.Guild)
    .addUserOption((o) =>
      o
        .setName("user")
        .setNameLocalizations({ de: "nutzer" })
        .setDescription("Whose stats (you by default)")
        .setDescriptionLocalizations({ de: "Wessen Statistik (sonst deine)" }),
    )
    .toJSON(),
  consoleArgs: [],
  async execute(ctx, request, respond) {
    const t = texts(request.lang);
    const guildId = await serverOf(request, respond);
    if (guildId === null) return;
    const userId = str(request.options.user) ?? request.actor.id;
    const name =
      str(request.options.user_name) ?? (userId === request.actor.id ? request.actor.name : userId);
    const stats = userStats(ctx.db, guildId, userId);
    if (!stats) {
      await respond.reply({ content: truncate(t.noStats(plain(name)), LIMITS.content) });
      return;
    }
    const accuracy = stats.answered > 0 ? Math.round((stats.correct / stats.answered) * 100) : 0;
    const weakest =
      stats.weakestTopics.length > 0
        ? stats.weakestTopics.map((w) => `${w.tag} (${w.correct}/${w.answered})`).join(", ")
        : t.none;
    await respond.reply({
      embeds: [
        {
          color: COLOURS.quiz,
          title: truncate(t.stats(plain(name)), LIMITS.embedTitle),
          fields: [
            { name: t.points, value: String(stats.points), inline: true },
            {
              name: t.accuracy,
              value: `${accuracy} % (${stats.correct}/${stats.answered})`,
              inline: true,
            },
            { name: t.rounds, value: String(stats.rounds), inline: true },
            { name: t.bestStreak, value: String(stats.bestStreak), inline: true },
            { name: t.weakest, value: truncate(weakest, LIMITS.fieldValue) },
          ],
        },
      ],
    });
  },
};

import {
  DAILY_HOURS,
  DEFAULT_TIME_ZONE,
  formatLocalTime,
  isTimeZone,
  nextOccurrence,
  parseLocalTime,
} from "../../quiz/daily-schedule.ts";
import type { KindChoice } from "../../quiz/types.ts";
import type { OptionSpec } from "../command-spec.ts";
import type { Command, InteractionContext } from "../context.ts";
import type { Choice, RequestBase, Responder } from "../request.ts";
import { dailyTexts } from "../texts/daily.ts";
import { dailyOverviewView } from "../views/daily.ts";
import { int, QUESTION_KIND_OPTION, refuseBadOptions, serverOf, str } from "./options.ts";

const START_OPTIONS: readonly OptionSpec[] = [
  {
    name: "channel",
    nameDe: "kanal",
    type: "channel",
    required: true,
    description: { en: "Where the question is posted", de: "Wo die Frage erscheint" },
  },
  {
    name: "time",
    nameDe: "uhrzeit",
    type: "string",
    required: true,
    maxLength: 5,
    description: { en: "Local time, such as 20:00", de: "Ortszeit, etwa 20:00" },
  },
  {
    name: "timezone",
    nameDe: "zeitzone",
    type: "string",
    maxLength: 64,
    autocomplete: true,
    description: {
      en: "IANA time zone (default Europe/Berlin)",
      de: "IANA-Zeitzone (sonst Europe/Berlin)",
    },
  },
  QUESTION_KIND_OPTION,
  {
    name: "hours",
    nameDe: "stunden",
    type: "integer",
    minValue: DAILY_HOURS.min,
    maxValue: DAILY_HOURS.max,
    description: {
      en: `How long each question is open (default ${DAILY_HOURS.default})`,
      de: `Wie lange jede Frage offen ist (sonst ${DAILY_HOURS.default})`,
    },
  },
];

/** The server whose question of the day the asker may manage (Manage Server or library role). */
async function managedServer(
  ctx: InteractionContext,
  request: RequestBase,
  respond: Responder,
): Promise<string | null> {
  const guildId = await serverOf(request, respond);
  if (guildId === null) return null;
  const member = {
    canManageGuild: request.canManageGuild ?? false,
    roleIds: request.roleIds ?? [],
  };
  if (await ctx.library.mayManage(guildId, member)) return guildId;
  await respond.reply({ content: dailyTexts(request.lang).forbidden, ephemeral: true });
  return null;
}

/** Time zones whose name contains what was typed (Intl's list of IANA names). */
function zoneChoices(typed: string): Choice[] {
  const needle = typed.trim().toLowerCase();
  return Intl.supportedValuesOf("timeZone")
    .filter((z) => z.toLowerCase().includes(needle))
    .slice(0, 25)
    .map((z) => ({ name: z, value: z }));
}

export const dailyCommand: Command = {
  data: {
    name: "daily",
    nameDe: "tagesfrage",
    description: {
      en: "A question of the day in a channel, with streaks",
      de: "Eine Frage des Tages in einem Kanal, mit Serien",
    },
    where: "guild",
    subcommands: [
      {
        name: "show",
        nameDe: "zeigen",
        description: {
          en: "The schedule, the next question and the longest streaks",
          de: "Zeitplan, nächste Frage und die längsten Serien",
        },
      },
      {
        name: "start",
        nameDe: "start",
        description: {
          en: "Post a question every day (Manage Server or library role)",
          de: "Jeden Tag eine Frage stellen (Server verwalten oder Bibliotheksrolle)",
        },
        options: START_OPTIONS,
      },
      {
        name: "stop",
        nameDe: "stopp",
        description: {
          en: "No more questions of the day (Manage Server or library role)",
          de: "Keine Tagesfragen mehr (Server verwalten oder Bibliotheksrolle)",
        },
      },
    ],
  },
  consoleArgs: [],
  async execute(ctx, request, respond) {
    const d = dailyTexts(request.lang);
    if (request.subcommand === "start") {
      const guildId = await managedServer(ctx, request, respond);
      if (guildId === null) return;
      if (await refuseBadOptions(START_OPTIONS, request, respond)) return;
      const typedTime = str(request.options.time) ?? "";
      const time = parseLocalTime(typedTime);
      if (!time) return respond.reply({ content: d.badTime(typedTime), ephemeral: true });
      const timeZone = str(request.options.timezone)?.trim() ?? DEFAULT_TIME_ZONE;
      if (!isTimeZone(timeZone))
        return respond.reply({ content: d.badZone(timeZone), ephemeral: true });
      const channelId = str(request.options.channel) ?? request.channelId;
      const hours = int(request.options.hours) ?? DAILY_HOURS.default;
      const shown = formatLocalTime(time);
      await ctx.daily.store.setSchedule({
        guildId,
        channelId,
        time: shown,
        timeZone,
        kind: (str(request.options.kind) ?? "mixed") as KindChoice,
        hours,
        lang: request.lang,
        pausedReason: null,
        createdBy: request.actor.id,
        updatedAt: ctx.clock(),
      });
      return respond.reply({ content: d.started(channelId, shown, timeZone, hours) });
    }
    if (request.subcommand === "stop") {
      const guildId = await managedServer(ctx, request, respond);
      if (guildId === null) return;
      const removed = await ctx.daily.store.removeSchedule(guildId);
      return respond.reply({ content: removed ? d.stopped : d.notSet, ephemeral: !removed });
    }
    const guildId = await serverOf(request, respond);
    if (guildId === null) return;
    const [schedule, streaks] = await Promise.all([
      ctx.daily.store.schedule(guildId),
      ctx.daily.streaks(guildId),
    ]);
    if (!schedule) return respond.reply({ content: d.notSet, ephemeral: true });
    const nextAt = nextOccurrence(schedule, ctx.clock()).opensAt;
    await respond.reply(dailyOverviewView({ schedule, nextAt, streaks }, request.lang));
  },
  autocomplete(_ctx, request) {
    return request.option === "timezone" ? zoneChoices(request.value) : [];
  },
};

import { type RunningBot, runBot } from "../../src/discord/bot.ts";
import { createLogger, type Logger } from "../../src/logger.ts";
import { FakeDiscord } from "./fake-discord.ts";
import { indexedTempApp, type TempApp, type TempAppOptions } from "./temp-app.ts";

/** The token the bot logs in with; tests check that it never reaches a log or a reply. */
export const FAKE_TOKEN = "fake-token-for-tests";

/** The real bot, in this process, on a fresh indexed database, logged in to a fake Discord. */
export interface BotAgainstFake {
  readonly fake: FakeDiscord;
  readonly bot: RunningBot;
  readonly t: TempApp;
  stop(): Promise<void>;
}

/** Starts the fake, then the bot with short quiz pauses, and waits until the bot is ready. */
export async function startBotAgainstFake(
  logger: Logger = createLogger("silent"),
  appOptions: Omit<TempAppOptions, "logger"> = {},
  /** How often the bot looks at the questions of the day (default: as in production). */
  dailyTickMs?: number,
): Promise<BotAgainstFake> {
  const fake = new FakeDiscord();
  await fake.start();
  const t = await indexedTempApp({ ...appOptions, logger });
  const bot = await runBot(
    t.app,
    { discordToken: FAKE_TOKEN, discordApiUrl: fake.apiUrl },
    { revealPauseMs: 50, tickMs: 50 },
    dailyTickMs,
  );
  await fake.waitFor(() => bot.client.isReady() || undefined);
  return {
    fake,
    bot,
    t,
    stop: async () => {
      await bot.stop();
      await fake.stop();
      await t.cleanup();
    },
  };
}

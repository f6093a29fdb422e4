import { Client, Events, GatewayIntentBits, Options } from "discord.js";
import { Agent } from "undici";
import { type App, ATTACHMENT_TIMEOUT_MS, createInteractionContext } from "../app.ts";
import type { Config } from "../config.ts";
import { DAILY_TICK_MS } from "../interactions/daily-runner.ts";
import type { RunnerOptions } from "../interactions/quiz-runner.ts";
import { attachmentFetcher, DISCORD_ATTACHMENT_ORIGINS } from "../library/download.ts";
import { inlineRenderer } from "../pictures/render.ts";
import { createInteractionHandler } from "./interactions.ts";
import { NO_MENTIONS } from "./payload.ts";
import { pictureAttacher, postingPictures } from "./pictures.ts";
import { restPoster } from "./poster.ts";

/**
 * discord.js sends interaction callbacks all at once, and undici's default agent opens a new
 * connection for each one it cannot place: a burst of 1,000 quiz clicks opened about 1,000
 * connections, and under load some failed to connect. A bounded pool of kept-alive connections
 * works the burst off without handshakes; 128 keeps the queue short at Discord's round-trip times
 * (1,000 callbacks at 50 ms each are about 0.4 s of queueing).
 */
const REST_CONNECTIONS = 128;

/**
 * The gateway shards this client runs, always given: discord.js would otherwise read SHARDS and
 * SHARD_COUNT itself (SHARDS as JSON, so the comma list Beleg takes would fail there).
 */
function shardOptions(sharding: Config["sharding"]) {
  if (!sharding) return { shards: [0], shardCount: 1 };
  if (sharding.count === "auto") return { shards: "auto" as const };
  const all = Array.from({ length: sharding.count }, (_, i) => i);
  return { shards: [...(sharding.ids ?? all)], shardCount: sharding.count };
}

function createDiscordClient(config: Pick<Config, "discordApiUrl" | "sharding">): Client {
  return new Client({
    ...shardOptions(config.sharding),
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    // The bot never reads cached messages: it edits what it posted through the returned object.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    rest: {
      agent: new Agent({ connections: REST_CONNECTIONS }),
      ...(config.discordApiUrl ? { api: config.discordApiUrl } : {}),
    },
  });
}

export interface RunningBot {
  readonly client: Client;
  /** Closes open rounds as interrupted and disconnects. */
  stop(): Promise<void>;
}

/** Logs in and serves every command until `stop`. */
export async function runBot(
  app: App,
  config: Pick<Config, "discordToken" | "discordApiUrl"> & Partial<Pick<Config, "sharding">>,
  runnerOptions?: Partial<RunnerOptions>,
  /** How often the questions of the day are looked at (tests move a clock and tick faster). */
  dailyTickMs = DAILY_TICK_MS,
): Promise<RunningBot> {
  const { logger } = app;
  const client = createDiscordClient({
    discordApiUrl: config.discordApiUrl,
    sharding: config.sharding,
  });
  // A REST proxy (or the tests' fake Discord) serves attachments at its own address.
  const origins = [
    ...DISCORD_ATTACHMENT_ORIGINS,
    ...(config.discordApiUrl ? [new URL(config.discordApiUrl).origin] : []),
  ];
  const attach = pictureAttacher(inlineRenderer, logger);
  const ctx = createInteractionContext(
    app,
    postingPictures(restPoster(client), attach),
    runnerOptions,
    attachmentFetcher({ origins, timeoutMs: ATTACHMENT_TIMEOUT_MS }),
  );
  client.on(Events.InteractionCreate, createInteractionHandler(ctx, attach));
  client.once(Events.ClientReady, (ready) =>
    logger.info(
      {
        user: ready.user.tag,
        guilds: ready.guilds.cache.size,
        gateway: [...ready.ws.shards.keys()],
      },
      "logged in to Discord",
    ),
  );
  client.on(Events.Error, (error) => logger.error({ err: error }, "Discord client error"));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, "gateway disconnected"),
  );
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, "gateway reconnecting"));
  client.on(Events.ShardResume, (shard, replayed) =>
    logger.info({ shard, replayed }, "gateway resumed"),
  );
  client.rest.on("rateLimited", (info) =>
    logger.warn(
      { route: info.route, retryAfter: info.retryAfter, global: info.global },
      "rate limited",
    ),
  );
  await client.login(config.discordToken);
  ctx.dailyRunner.start(dailyTickMs);
  return {
    client,
    async stop() {
      await ctx.dailyRunner.stop();
      const interrupted = await ctx.runner.shutdown();
      logger.info({ interrupted }, "shutting down");
      await client.destroy();
    },
  };
}

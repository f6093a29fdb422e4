/** The fake Discord's fixed ids, permissions and the objects it sends: users, servers, messages. */
export const APP_ID = "100000000000000001";
export const BOT_ID = APP_ID;
export const BOT_USER = {
  id: BOT_ID,
  username: "Beleg",
  discriminator: "0",
  global_name: "Beleg",
  avatar: null,
  bot: true,
};
export const GUILD_ID = "200000000000000001";
export const CHANNEL_ID = "300000000000000001";
/** A second server, to check what one server adds stays there. */
export const GUILD_B_ID = "200000000000000002";
export const CHANNEL_B_ID = "300000000000000002";
/**
 * A server on shard 1 of 2: a guild's shard is `(id >> 22) % shard_count`, and bit 22 is set
 * here ((200000000004194305 >> 22) = 47683715821, odd); GUILD_ID and GUILD_B_ID are on shard 0.
 * Unsharded (one shard), every server is on shard 0.
 */
export const GUILD_SHARD_1_ID = "200000000004194305";
export const CHANNEL_SHARD_1_ID = "300000000000000003";
/** Every server the fake's bot is in, in the order READY lists them. */
export const FAKE_GUILDS: readonly string[] = [GUILD_ID, GUILD_B_ID, GUILD_SHARD_1_ID];
export const MANAGE_GUILD = 1n << 5n;
export const MANAGE_MESSAGES = 1n << 13n;
export const PERMISSIONS = {
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  embedLinks: 1n << 14n,
  attachFiles: 1n << 15n,
} as const;
export const SEND_AND_VIEW =
  PERMISSIONS.viewChannel |
  PERMISSIONS.sendMessages |
  PERMISSIONS.embedLinks |
  PERMISSIONS.attachFiles;

export interface RecordedRequest {
  /** When it arrived (performance.now()). */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly authorization: string | undefined;
  readonly files?: readonly UploadedFile[];
}

/** A planned answer for the next request whose path matches. */
export interface PlannedFault {
  readonly match: RegExp;
  readonly status: number;
  readonly body: unknown;
  readonly delayMs: number;
  readonly headers: Record<string, string>;
}

export interface FakeUser {
  readonly id: string;
  readonly name: string;
  readonly manageMessages?: boolean;
  readonly manageGuild?: boolean;
  readonly roles?: readonly string[];
}

/** A file a test attaches to a command, served by the fake at its `url`. */
export interface FakeAttachment {
  readonly id: string;
  readonly filename: string;
  readonly size: number;
  readonly url: string;
  readonly proxy_url: string;
  readonly content_type: string;
}

/** A file the bot uploaded (a part of a multipart/form-data body that has a filename). */
export interface UploadedFile {
  /** The form field: `files[0]`, `files[1]`, … */
  readonly name: string;
  readonly filename: string;
  readonly contentType: string | undefined;
  readonly data: Buffer;
}

/** How `attach` serves a file, to test downloads that misbehave. */
export interface ServeOptions {
  /** Bytes served instead of the announced content (the attachment's `size` stays as announced). */
  readonly servedBytes?: Buffer | string;
  /** No content-length header: the body comes chunked, its size known only at its end. */
  readonly chunked?: boolean;
  /** Sends the body in 1 KiB pieces with this pause before each. */
  readonly chunkDelayMs?: number;
  /** The channel in the attachment's address (default: the first server's channel). */
  readonly channelId?: string;
}

/** Where an interaction happens: a server and one of its channels. */
export interface Place {
  /** GUILD_ID unless given. */
  readonly guildId?: string;
  /** The server's text channel unless given (CHANNEL_B_ID in GUILD_B_ID, …). */
  readonly channelId?: string;
}

export interface StoredFile {
  readonly data: Buffer;
  readonly type: string;
  readonly chunked: boolean;
  readonly chunkDelayMs: number;
}

export const GUILD_NAMES: Record<string, string> = {
  [GUILD_ID]: "Lesekreis",
  [GUILD_B_ID]: "Zweiter Kreis",
  [GUILD_SHARD_1_ID]: "Dritter Kreis",
};
const GUILD_CHANNELS: Record<string, string> = {
  [GUILD_B_ID]: CHANNEL_B_ID,
  [GUILD_SHARD_1_ID]: CHANNEL_SHARD_1_ID,
};
export const channelName = (guildId: string) =>
  (GUILD_NAMES[guildId] ?? "Lesekreis").toLowerCase().replaceAll(" ", "-");
/** A server's one text channel. */
export const defaultChannel = (guildId: string) => GUILD_CHANNELS[guildId] ?? CHANNEL_ID;

/** The shard that receives a server's events: Discord's `(guild_id >> 22) % shard_count`. */
export const shardOf = (guildId: string, shardCount: number): number =>
  Number((BigInt(guildId) >> 22n) % BigInt(shardCount));

let counter = 500_000_000_000_000_000n;
export const snowflake = () => String(++counter);

/** A message as Discord returns it, authored by the bot. */
export function botMessage(
  channelId: string,
  body: Record<string, unknown> | undefined,
  attachments: readonly FakeAttachment[] = [],
) {
  return {
    id: snowflake(),
    channel_id: channelId,
    type: 0,
    content: body?.content ?? "",
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    attachments,
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: 0,
    author: BOT_USER,
  };
}

/** A server as GUILD_CREATE describes it: one text channel, everyone may send. */
export function guildObject(id: string) {
  const channelId = defaultChannel(id);
  return {
    id,
    name: GUILD_NAMES[id],
    icon: null,
    owner_id: "900000000000000001",
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id,
        name: "@everyone",
        permissions: String(SEND_AND_VIEW),
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: "de",
    nsfw_level: 0,
    member_count: 4,
    large: false,
    unavailable: false,
    joined_at: new Date().toISOString(),
    channels: [
      {
        id: channelId,
        type: 0,
        name: channelName(id),
        position: 0,
        permission_overwrites: [],
        guild_id: id,
      },
    ],
    threads: [],
    members: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

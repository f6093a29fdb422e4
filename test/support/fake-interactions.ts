import {
  APP_ID,
  botMessage,
  channelName,
  defaultChannel,
  type FakeAttachment,
  type FakeUser,
  GUILD_ID,
  MANAGE_GUILD,
  MANAGE_MESSAGES,
  type Place,
  SEND_AND_VIEW,
  snowflake,
} from "./fake-discord-data.ts";

// The INTERACTION_CREATE payloads the fake injects, built from what a test says a user did.

/** What the fake needs of an interaction to route and record it. */
export interface FakeInteraction {
  readonly id: string;
  readonly token: string;
  readonly channel_id: string;
  /** Absent for a DM: Discord then routes it to shard 0. */
  readonly guild_id?: string;
  readonly [field: string]: unknown;
}

/** The guild and channel of an interaction: the server's own channel unless one is given. */
function place({ guildId = GUILD_ID, channelId }: Place = {}): Required<Place> {
  return { guildId, channelId: channelId ?? defaultChannel(guildId) };
}

function base(
  user: FakeUser,
  locale: string,
  inGuild: boolean,
  where: Place = {},
  appPermissions = SEND_AND_VIEW,
) {
  const { guildId, channelId } = place(where);
  const apiUser = {
    id: user.id,
    username: user.name.toLowerCase(),
    global_name: user.name,
    discriminator: "0",
    avatar: null,
  };
  const permissions = String(
    SEND_AND_VIEW |
      (user.manageMessages ? MANAGE_MESSAGES : 0n) |
      (user.manageGuild ? MANAGE_GUILD : 0n),
  );
  const dmChannel = `4${user.id.slice(1)}`;
  return {
    id: snowflake(),
    application_id: APP_ID,
    token: `itoken-${snowflake()}`,
    version: 1,
    locale,
    app_permissions: String(appPermissions),
    entitlements: [],
    ...(inGuild
      ? {
          guild_id: guildId,
          guild_locale: "de",
          channel_id: channelId,
          channel: { id: channelId, type: 0, guild_id: guildId, name: channelName(guildId) },
          member: {
            user: apiUser,
            roles: [...(user.roles ?? [])],
            permissions,
            nick: null,
            joined_at: new Date().toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
          },
          authorizing_integration_owners: { "0": guildId },
          context: 0,
        }
      : {
          channel_id: dmChannel,
          channel: { id: dmChannel, type: 1 },
          user: apiUser,
          authorizing_integration_owners: { "0": GUILD_ID },
          context: 1,
        }),
  };
}

export interface CommandOptions {
  readonly locale?: string;
  readonly inGuild?: boolean;
  readonly resolved?: unknown;
  readonly channelId?: string;
  readonly appPermissions?: bigint;
  readonly guildId?: string;
  readonly attachments?: readonly FakeAttachment[];
}

/** A slash command; `attachments` go into `data.resolved.attachments` (merged with `resolved`). */
export function commandInteraction(
  user: FakeUser,
  name: string,
  options: { name: string; type: number; value?: unknown; options?: unknown[] }[] = [],
  {
    locale = "de",
    inGuild = true,
    resolved,
    channelId,
    appPermissions,
    guildId,
    attachments = [],
  }: CommandOptions = {},
): FakeInteraction {
  const given = resolved as { attachments?: object } | undefined;
  const withFiles =
    attachments.length > 0
      ? {
          ...given,
          attachments: {
            ...given?.attachments,
            ...Object.fromEntries(attachments.map((a) => [a.id, a])),
          },
        }
      : resolved;
  return {
    ...base(user, locale, inGuild, { guildId, channelId }, appPermissions),
    type: 2,
    data: {
      id: snowflake(),
      name,
      type: 1,
      options,
      ...(withFiles ? { resolved: withFiles } : {}),
    },
  };
}

/** A message command ("Apps" on a message's menu) used on a chat message with this text. */
export function messageCommandInteraction(
  user: FakeUser,
  name: string,
  content: string,
  {
    locale = "de",
    inGuild = true,
    guildId,
    channelId,
  }: { locale?: string; inGuild?: boolean } & Place = {},
): FakeInteraction {
  const interaction = base(user, locale, inGuild, { guildId, channelId });
  const message = {
    ...botMessage(interaction.channel_id, { content }),
    author: { id: "900000000000000009", username: "someone", discriminator: "0", avatar: null },
  };
  return {
    ...interaction,
    type: 2,
    data: {
      id: snowflake(),
      name,
      type: 3,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
    },
  };
}

/** Typing into a command option marked `focused`; the 4th argument is a locale or options. */
export function autocompleteInteraction(
  user: FakeUser,
  name: string,
  options: unknown[],
  localeOrOptions: string | ({ locale?: string } & Place) = "de",
): FakeInteraction {
  const { locale = "de", ...where } =
    typeof localeOrOptions === "string" ? { locale: localeOrOptions } : localeOrOptions;
  return {
    ...base(user, locale, true, where),
    type: 4,
    data: { id: snowflake(), name, type: 1, options },
  };
}

/**
 * A click on a button of a message the bot sent. Positional (`messageId, locale, channelId,
 * guildId`), or one options object in third place: `click(user, id, { guildId: GUILD_B_ID })`.
 */
export function clickInteraction(
  user: FakeUser,
  customId: string,
  messageIdOrOptions: string | ({ messageId?: string; locale?: string } & Place) = {},
  locale = "de",
  channelId?: string,
  guildId?: string,
): FakeInteraction {
  const given =
    typeof messageIdOrOptions === "string"
      ? { messageId: messageIdOrOptions, locale, channelId, guildId }
      : { locale, channelId, guildId, ...messageIdOrOptions };
  const where = place(given);
  return {
    ...base(user, given.locale ?? "de", true, where),
    type: 3,
    data: { custom_id: customId, component_type: 2 },
    message: { ...botMessage(where.channelId, undefined), id: given.messageId ?? snowflake() },
  };
}

/** A modal (form) the bot showed, submitted with the text typed into each of its fields. */
export function modalSubmitInteraction(
  user: FakeUser,
  customId: string,
  fields: Record<string, string>,
  { locale = "de", channelId, guildId }: { locale?: string } & Place = {},
): FakeInteraction {
  return {
    ...base(user, locale, true, { guildId, channelId }),
    type: 5,
    data: {
      custom_id: customId,
      components: Object.entries(fields).map(([id, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: id, value }],
      })),
    },
  };
}

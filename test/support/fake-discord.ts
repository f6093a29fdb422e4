import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export const APP_ID = "100000000000000001";
export const BOT_ID = APP_ID;
const BOT_USER = {
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
const MANAGE_GUILD = 1n << 5n;
const MANAGE_MESSAGES = 1n << 13n;
export const PERMISSIONS = {
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  embedLinks: 1n << 14n,
  attachFiles: 1n << 15n,
} as const;
const SEND_AND_VIEW =
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
interface PlannedFault {
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

/** A file the bot uploaded (multipart/form-data). */
export interface UploadedFile {
  readonly filename: string;
  readonly data: Buffer;
}

/** A multipart body's parts: the JSON payload and the files. */
function parseMultipart(
  raw: Buffer,
  contentType: string,
): { body: unknown; files: UploadedFile[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const marker = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ""}`);
  const files: UploadedFile[] = [];
  let body: unknown;
  let at = raw.indexOf(marker);
  while (at >= 0) {
    const next = raw.indexOf(marker, at + marker.length);
    if (next < 0) break;
    const part = raw.subarray(at + marker.length + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, split).toString();
    const data = part.subarray(split + 4);
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    if (filename !== undefined) files.push({ filename, data: Buffer.from(data) });
    else if (/name="payload_json"/.test(headers)) body = JSON.parse(data.toString());
    at = next;
  }
  return { body, files };
}

let counter = 500_000_000_000_000_000n;
const snowflake = () => String(++counter);

/** A message as Discord returns it, authored by the bot. */
function botMessage(channelId: string, body: Record<string, unknown> | undefined) {
  return {
    id: snowflake(),
    channel_id: channelId,
    type: 0,
    content: body?.content ?? "",
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    attachments: [],
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
function guildObject(id: string, channelId: string, name: string) {
  return {
    id,
    name,
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
        name: name.toLowerCase().replaceAll(" ", "-"),
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

/**
 * A small Discord on 127.0.0.1: the REST routes the bot uses and a gateway that says hello,
 * READY and GUILD_CREATE, answers heartbeats and delivers injected interactions. It records
 * every request so tests can check what the bot sent.
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: PlannedFault[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly tokens = new Map<string, string>();
  private readonly attachments = new Map<string, { data: Buffer; type: string }>();
  /** The first callback of each interaction, by interaction id (looked up often in soak tests). */
  private readonly callbacks = new Map<string, RecordedRequest>();
  private server!: Server;
  private wss!: WebSocketServer;
  private sequence = 0;
  port = 0;
  identified = 0;
  /** Sessions started or resumed (READY or RESUMED sent): a client that has these is served. */
  sessionsStarted = 0;
  /** TCP connections the bot opened to the REST and gateway server. */
  connectionsOpened = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handleHttp(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    // Node's 5 s default made the bot's pooled connections race the server's close whenever a
    // process stalled for a second. 120 s keeps the soak about load, not about that race.
    this.server.keepAliveTimeout = 120_000;
    this.server.on("connection", () => {
      this.connectionsOpened++;
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on("connection", (socket) => this.handleSocket(socket));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next request matching `match` gets this status and body (after an optional delay). */
  fail(
    match: RegExp,
    status: number,
    body: unknown = {},
    delayMs = 0,
    headers: Record<string, string> = {},
  ): void {
    this.faults.push({ match, status, body, delayMs, headers });
  }

  /** Drops every gateway connection, as a network failure would. */
  dropGateway(): void {
    for (const s of this.sockets) s.terminate();
  }

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString();
    let body: unknown = raw;
    let files: UploadedFile[] | undefined;
    const contentType = req.headers["content-type"] ?? "";
    if (contentType.startsWith("multipart/form-data")) {
      ({ body, files } = parseMultipart(bytes, contentType));
    } else {
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
    }
    const path = decodeURIComponent((req.url ?? "").split("?")[0] ?? "");
    const method = req.method ?? "GET";
    const recorded = {
      at: performance.now(),
      method,
      path,
      body,
      authorization: req.headers.authorization,
      ...(files ? { files } : {}),
    };
    this.requests.push(recorded);
    const callback = /^\/api\/v10\/interactions\/(\d+)\//.exec(path);
    if (callback && method === "POST" && !this.callbacks.has(callback[1] as string)) {
      this.callbacks.set(callback[1] as string, recorded);
    }
    const send = (status: number, json?: unknown) => {
      res.statusCode = status;
      if (json === undefined) return res.end();
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(json));
    };
    const faultIndex = this.faults.findIndex((f) => f.match.test(`${method} ${path}`));
    if (faultIndex >= 0) {
      const [fault] = this.faults.splice(faultIndex, 1);
      if (fault) {
        if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
        for (const [name, value] of Object.entries(fault.headers)) res.setHeader(name, value);
        return void send(fault.status, fault.status === 204 ? undefined : fault.body);
      }
    }
    const attachment = /^\/attachments\/\d+\/(\d+)\//.exec(path);
    if (method === "GET" && attachment) {
      const file = this.attachments.get(attachment[1] as string);
      if (!file) return void send(404, { message: "Unknown attachment", code: 0 });
      res.statusCode = 200;
      res.setHeader("content-type", file.type);
      res.setHeader("content-length", String(file.data.length));
      return void res.end(file.data);
    }
    if (method === "GET" && path === "/api/v10/gateway/bot") {
      return void send(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === "GET" && path === "/api/v10/applications/@me")
      return void send(200, { id: APP_ID, name: "Beleg" });
    if (
      method === "PUT" &&
      /^\/api\/v10\/applications\/\d+\/(guilds\/\d+\/)?commands$/.test(path)
    ) {
      return void send(
        200,
        (body as unknown[]).map((c) => ({
          ...(c as object),
          id: snowflake(),
          application_id: APP_ID,
        })),
      );
    }
    if (method === "POST" && /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path))
      return void send(204);
    const webhook = /^\/api\/v10\/webhooks\/\d+\/[^/]+(\/messages\/(@original|\d+))?$/.exec(path);
    if (webhook && method === "DELETE") return void send(204);
    if (webhook && (method === "PATCH" || method === "POST")) {
      return void send(200, botMessage(CHANNEL_ID, body as Record<string, unknown>));
    }
    const channel = /^\/api\/v10\/channels\/(\d+)\/messages(\/\d+)?$/.exec(path);
    if (channel && (method === "POST" || method === "PATCH")) {
      return void send(200, botMessage(channel[1] as string, body as Record<string, unknown>));
    }
    send(404, { message: "Unknown route", code: 0 });
  }

  private dispatch(t: string, d: unknown): void {
    const payload = JSON.stringify({ op: 0, t, s: ++this.sequence, d });
    for (const s of this.sockets) s.send(payload);
  }

  private handleSocket(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 } }));
    socket.on("message", (data) => {
      const msg = JSON.parse(String(data)) as { op: number; d: unknown };
      if (msg.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (msg.op === 2) {
        this.identified++;
        this.sessionsStarted++;
        this.dispatch("READY", {
          v: 10,
          user: BOT_USER,
          guilds: [
            { id: GUILD_ID, unavailable: true },
            { id: GUILD_B_ID, unavailable: true },
          ],
          session_id: `session-${this.identified}`,
          resume_gateway_url: `ws://127.0.0.1:${this.port}`,
          shard: [0, 1],
          application: { id: APP_ID, flags: 0 },
        });
        this.dispatch("GUILD_CREATE", guildObject(GUILD_ID, CHANNEL_ID, "Lesekreis"));
        this.dispatch("GUILD_CREATE", guildObject(GUILD_B_ID, CHANNEL_B_ID, "Zweiter Kreis"));
      }
      if (msg.op === 6) {
        this.sessionsStarted++;
        this.dispatch("RESUMED", {});
      }
    });
  }

  /** When each injected interaction was sent (performance.now()). */
  readonly sentAt = new Map<string, number>();

  /** Every interaction token handed to the bot (none may ever appear in its logs). */
  issuedTokens(): string[] {
    return [...this.tokens.values()];
  }

  private base(
    user: FakeUser,
    locale: string,
    inGuild: boolean,
    channelId = CHANNEL_ID,
    appPermissions = SEND_AND_VIEW,
    guildId = GUILD_ID,
  ) {
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
    const id = snowflake();
    const token = `itoken-${snowflake()}`;
    this.tokens.set(id, token);
    this.sentAt.set(id, performance.now());
    return {
      id,
      application_id: APP_ID,
      token,
      version: 1,
      locale,
      app_permissions: String(appPermissions),
      entitlements: [],
      ...(inGuild
        ? {
            guild_id: guildId,
            guild_locale: "de",
            channel_id: channelId,
            channel: { id: channelId, type: 0, guild_id: guildId, name: "lesekreis" },
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
            channel_id: `4${user.id.slice(1)}`,
            channel: { id: `4${user.id.slice(1)}`, type: 1 },
            user: apiUser,
            authorizing_integration_owners: { "0": GUILD_ID },
            context: 1,
          }),
    };
  }

  /** Sends a slash command; returns the interaction id (its callback path contains it). */
  command(
    user: FakeUser,
    name: string,
    options: { name: string; type: number; value?: unknown; options?: unknown[] }[] = [],
    {
      locale = "de",
      inGuild = true,
      resolved,
      channelId,
      appPermissions,
      guildId = GUILD_ID,
      attachments = [],
    }: {
      locale?: string;
      inGuild?: boolean;
      resolved?: unknown;
      channelId?: string;
      appPermissions?: bigint;
      guildId?: string;
      attachments?: readonly FakeAttachment[];
    } = {},
  ): string {
    const channel = channelId ?? (guildId === GUILD_B_ID ? CHANNEL_B_ID : CHANNEL_ID);
    const withFiles =
      attachments.length > 0
        ? {
            ...((resolved as object | undefined) ?? {}),
            attachments: Object.fromEntries(attachments.map((a) => [a.id, a])),
          }
        : resolved;
    const interaction = {
      ...this.base(user, locale, inGuild, channel, appPermissions, guildId),
      type: 2,
      data: {
        id: snowflake(),
        name,
        type: 1,
        options,
        ...(withFiles ? { resolved: withFiles } : {}),
      },
    };
    this.dispatch("INTERACTION_CREATE", interaction);
    return interaction.id;
  }

  /** Uses a message command ("Apps" on a message's menu) on a chat message with this text. */
  messageCommand(
    user: FakeUser,
    name: string,
    content: string,
    { locale = "de", inGuild = true }: { locale?: string; inGuild?: boolean } = {},
  ): string {
    const base = this.base(user, locale, inGuild);
    const message = {
      ...botMessage(base.channel_id, { content }),
      author: { id: "900000000000000009", username: "someone", discriminator: "0", avatar: null },
    };
    const interaction = {
      ...base,
      type: 2,
      data: {
        id: snowflake(),
        name,
        type: 3,
        target_id: message.id,
        resolved: { messages: { [message.id]: message } },
      },
    };
    this.dispatch("INTERACTION_CREATE", interaction);
    return interaction.id;
  }

  autocomplete(user: FakeUser, name: string, options: unknown[], locale = "de"): string {
    const interaction = {
      ...this.base(user, locale, true),
      type: 4,
      data: { id: snowflake(), name, type: 1, options },
    };
    this.dispatch("INTERACTION_CREATE", interaction);
    return interaction.id;
  }

  /** Clicks a button on a message the bot sent. */
  click(
    user: FakeUser,
    customId: string,
    messageId = snowflake(),
    locale = "de",
    channelId = CHANNEL_ID,
    guildId = GUILD_ID,
  ): string {
    const interaction = {
      ...this.base(user, locale, true, channelId, SEND_AND_VIEW, guildId),
      type: 3,
      data: { custom_id: customId, component_type: 2 },
      message: { ...botMessage(channelId, undefined), id: messageId },
    };
    this.dispatch("INTERACTION_CREATE", interaction);
    return interaction.id;
  }

  /** Submits a modal (form) the bot showed, with the text typed into each of its fields. */
  submitModal(
    user: FakeUser,
    customId: string,
    fields: Record<string, string>,
    {
      locale = "de",
      channelId = CHANNEL_ID,
      guildId = GUILD_ID,
    }: { locale?: string; channelId?: string; guildId?: string } = {},
  ): string {
    const interaction = {
      ...this.base(user, locale, true, channelId, SEND_AND_VIEW, guildId),
      type: 5,
      data: {
        custom_id: customId,
        components: Object.entries(fields).map(([id, value]) => ({
          type: 1,
          components: [{ type: 4, custom_id: id, value }],
        })),
      },
    };
    this.dispatch("INTERACTION_CREATE", interaction);
    return interaction.id;
  }

  /** A file to attach to a command: served at its `url` until the fake stops. */
  attach(filename: string, content: string | Buffer, contentType = "text/plain"): FakeAttachment {
    const id = snowflake();
    const data = Buffer.from(content);
    this.attachments.set(id, { data, type: contentType });
    const url = `http://127.0.0.1:${this.port}/attachments/${CHANNEL_ID}/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, size: data.length, url, proxy_url: url, content_type: contentType };
  }

  /** Every file the bot uploaded in answer to an interaction. */
  filesOf(interactionId: string): UploadedFile[] {
    return this.responsesOf(interactionId).flatMap((r) => [...(r.files ?? [])]);
  }

  /** The callback (reply, update, defer) the bot sent for an interaction. */
  callbackOf(interactionId: string): { type: number; data?: Record<string, unknown> } | undefined {
    return this.callbacks.get(interactionId)?.body as
      | { type: number; data?: Record<string, unknown> }
      | undefined;
  }

  /** When the first callback of an interaction arrived (performance.now()). */
  callbackAt(interactionId: string): number | undefined {
    return this.callbacks.get(interactionId)?.at;
  }

  /** Everything the bot sent in answer to an interaction: callback, edits, follow-ups. */
  responsesOf(interactionId: string): RecordedRequest[] {
    const token = this.tokens.get(interactionId) ?? "\u0000";
    return this.requests.filter(
      (q) =>
        q.path.startsWith(`/api/v10/interactions/${interactionId}/`) ||
        q.path.includes(`/${token}`),
    );
  }

  /** The message payloads (content, embeds, components) the bot sent for an interaction. */
  payloadsOf(interactionId: string): Record<string, unknown>[] {
    return this.responsesOf(interactionId)
      .map((r) => {
        const body = r.body as { data?: Record<string, unknown> } & Record<string, unknown>;
        return r.path.includes("/callback") ? body?.data : body;
      })
      .filter((b): b is Record<string, unknown> => b !== undefined && b !== null);
  }

  async waitFor<T>(find: () => T | undefined, ms = 8000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const found = find();
      if (found !== undefined && found !== false) return found;
      if (Date.now() > end) throw new Error("fake Discord: timed out waiting");
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

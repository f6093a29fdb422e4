import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import {
  APP_ID,
  botMessage,
  CHANNEL_ID,
  channelName,
  defaultChannel,
  type FakeAttachment,
  type FakeUser,
  GUILD_ID,
  MANAGE_GUILD,
  MANAGE_MESSAGES,
  type Place,
  type PlannedFault,
  type RecordedRequest,
  SEND_AND_VIEW,
  type ServeOptions,
  type StoredFile,
  snowflake,
  type UploadedFile,
} from "./fake-discord-data.ts";
import { FakeGateway } from "./fake-gateway.ts";
import { multipartBoundary, parseMultipart } from "./multipart.ts";

export * from "./fake-discord-data.ts";

export interface FakeDiscordOptions {
  /** The shard count `GET /gateway/bot` recommends (what `shards: "auto"` uses); default 1. */
  readonly shardCount?: number;
}

/**
 * A small Discord on 127.0.0.1: the REST routes the bot uses and a gateway that says hello,
 * READY and GUILD_CREATE, answers heartbeats and delivers injected interactions to the shard
 * that owns their server. It records every request so tests can check what the bot sent.
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly shardCount: number;
  private readonly faults: PlannedFault[] = [];
  private readonly gateway = new FakeGateway(() => `ws://127.0.0.1:${this.port}`);
  private readonly tokens = new Map<string, string>();
  /** Files served under /attachments/: attached by tests or uploaded by the bot, by id. */
  private readonly attachments = new Map<string, StoredFile>();
  /** The channel of each interaction, by token (for messages posted through its webhook). */
  private readonly tokenChannels = new Map<string, string>();
  /** Attachment downloads still being sent slowly (ended by `stop`). */
  private readonly streams = new Set<ServerResponse>();
  /** The first callback of each interaction, by interaction id (looked up often in soak tests). */
  private readonly callbacks = new Map<string, RecordedRequest>();
  /** Callback requests per interaction id: every POST to its callback route, faulted ones too. */
  private readonly callbackTally = new Map<string, number>();
  private server!: Server;
  private wss!: WebSocketServer;
  port = 0;
  /** TCP connections the bot opened to the REST and gateway server. */
  connectionsOpened = 0;
  /** The shard ids each injected interaction was sent to, by interaction id (empty: to none). */
  readonly deliveredTo = new Map<string, readonly number[]>();

  constructor({ shardCount = 1 }: FakeDiscordOptions = {}) {
    this.shardCount = shardCount;
  }

  get identified(): number {
    return this.gateway.identified;
  }

  /** Sessions started or resumed (READY or RESUMED sent): a client that has these is served. */
  get sessionsStarted(): number {
    return this.gateway.sessionsStarted;
  }

  /** The shard ids that have a live gateway session now. */
  connectedShards(): number[] {
    return this.gateway.connectedShards();
  }

  /** Interactions no session received: the shard owning their server had none connected. */
  undeliveredInteractions(): string[] {
    return [...this.deliveredTo].filter(([, shards]) => shards.length === 0).map(([id]) => id);
  }

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
    this.wss.on("connection", (socket) => this.gateway.accept(socket));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.gateway.dropAll();
    for (const r of this.streams) r.destroy();
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
    this.gateway.dropAll();
  }

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const { body, files, malformed } = this.parseBody(bytes, req.headers["content-type"] ?? "");
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
    if (callback && method === "POST") {
      const id = callback[1] as string;
      if (!this.callbacks.has(id)) this.callbacks.set(id, recorded);
      this.callbackTally.set(id, (this.callbackTally.get(id) ?? 0) + 1);
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
    if (malformed) return void send(400, { message: "fake Discord: malformed multipart body" });
    const attachment = /^\/attachments\/\d+\/(\d+)\//.exec(path);
    if (method === "GET" && attachment) {
      const file = this.attachments.get(attachment[1] as string);
      if (!file) return void send(404, { message: "Unknown attachment", code: 0 });
      return this.serveFile(res, file);
    }
    if (method === "GET" && path === "/api/v10/gateway/bot") {
      return void send(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: this.shardCount,
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
    const webhook = /^\/api\/v10\/webhooks\/\d+\/([^/]+)(\/messages\/(@original|\d+))?$/.exec(path);
    if (webhook && method === "DELETE") return void send(204);
    if (webhook && (method === "PATCH" || method === "POST")) {
      const channelId = this.tokenChannels.get(webhook[1] as string) ?? CHANNEL_ID;
      return void send(200, this.message(channelId, body, files));
    }
    const channel = /^\/api\/v10\/channels\/(\d+)\/messages(\/\d+)?$/.exec(path);
    if (channel && (method === "POST" || method === "PATCH")) {
      return void send(200, this.message(channel[1] as string, body, files));
    }
    send(404, { message: "Unknown route", code: 0 });
  }

  /** A JSON or multipart body: the JSON (`payload_json` for multipart) and any files. */
  private parseBody(
    bytes: Buffer,
    contentType: string,
  ): { body: unknown; files?: UploadedFile[]; malformed?: true } {
    const boundary = multipartBoundary(contentType);
    const raw = () => bytes.toString();
    if (boundary === undefined) {
      try {
        return { body: bytes.length > 0 ? JSON.parse(raw()) : undefined };
      } catch {
        return { body: raw() };
      }
    }
    try {
      const parts = parseMultipart(bytes, boundary);
      const files: UploadedFile[] = [];
      const fields: Record<string, string> = {};
      for (const { name, filename, contentType: type, data } of parts) {
        if (filename !== undefined) files.push({ name, filename, contentType: type, data });
        else fields[name] = data.toString();
      }
      const { payload_json: json, ...rest } = fields;
      return { body: json !== undefined ? JSON.parse(json) : rest, files };
    } catch {
      return { body: raw(), malformed: true };
    }
  }

  /** A message the bot posted, with its uploads served like Discord serves attachments. */
  private message(channelId: string, body: unknown, files: readonly UploadedFile[] = []) {
    const attachments = files.map((f) =>
      this.attach(f.filename, f.data, f.contentType ?? "application/octet-stream", { channelId }),
    );
    return botMessage(channelId, body as Record<string, unknown> | undefined, attachments);
  }

  private async serveFile(res: ServerResponse, file: StoredFile): Promise<void> {
    res.statusCode = 200;
    res.setHeader("content-type", file.type);
    if (!file.chunked) res.setHeader("content-length", String(file.data.length));
    if (file.chunkDelayMs <= 0) return void res.end(file.data);
    this.streams.add(res);
    try {
      for (let at = 0; at < file.data.length && !res.destroyed; at += 1024) {
        await new Promise((r) => setTimeout(r, file.chunkDelayMs));
        res.write(file.data.subarray(at, at + 1024));
      }
      res.end();
    } finally {
      this.streams.delete(res);
    }
  }

  /** Sends an interaction to the shard of its server (shard 0 for DMs) and notes who got it. */
  private deliver(interaction: { id: string; guild_id?: string }): string {
    const reached = this.gateway.dispatchTo(
      interaction.guild_id,
      "INTERACTION_CREATE",
      interaction,
    );
    this.deliveredTo.set(interaction.id, reached);
    return interaction.id;
  }

  /** When each injected interaction was sent (performance.now()). */
  readonly sentAt = new Map<string, number>();

  /** Every interaction token handed to the bot (none may ever appear in its logs). */
  issuedTokens(): string[] {
    return [...this.tokens.values()];
  }

  /** The guild and channel of an interaction: the server's own channel unless one is given. */
  private place({ guildId = GUILD_ID, channelId }: Place = {}): Required<Place> {
    return { guildId, channelId: channelId ?? defaultChannel(guildId) };
  }

  private base(
    user: FakeUser,
    locale: string,
    inGuild: boolean,
    where: Place = {},
    appPermissions = SEND_AND_VIEW,
  ) {
    const { guildId, channelId } = this.place(where);
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
    const dmChannel = `4${user.id.slice(1)}`;
    this.tokens.set(id, token);
    this.tokenChannels.set(token, inGuild ? channelId : dmChannel);
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

  /**
   * Sends a slash command; returns the interaction id (its callback path contains it).
   * `attachments` go into `data.resolved.attachments` (merged with `resolved`); the option that
   * names one is `{ name, type: 11, value: attachment.id }`.
   */
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
      guildId,
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
    const interaction = {
      ...this.base(user, locale, inGuild, { guildId, channelId }, appPermissions),
      type: 2,
      data: {
        id: snowflake(),
        name,
        type: 1,
        options,
        ...(withFiles ? { resolved: withFiles } : {}),
      },
    };
    return this.deliver(interaction);
  }

  /** Uses a message command ("Apps" on a message's menu) on a chat message with this text. */
  messageCommand(
    user: FakeUser,
    name: string,
    content: string,
    {
      locale = "de",
      inGuild = true,
      guildId,
      channelId,
    }: { locale?: string; inGuild?: boolean } & Place = {},
  ): string {
    const base = this.base(user, locale, inGuild, { guildId, channelId });
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
    return this.deliver(interaction);
  }

  /** Types into a command option marked `focused`; the 4th argument is a locale or options. */
  autocomplete(
    user: FakeUser,
    name: string,
    options: unknown[],
    localeOrOptions: string | ({ locale?: string } & Place) = "de",
  ): string {
    const { locale = "de", ...where } =
      typeof localeOrOptions === "string" ? { locale: localeOrOptions } : localeOrOptions;
    const interaction = {
      ...this.base(user, locale, true, where),
      type: 4,
      data: { id: snowflake(), name, type: 1, options },
    };
    return this.deliver(interaction);
  }

  /**
   * Clicks a button on a message the bot sent. Positional as before
   * (`messageId, locale, channelId, guildId`), or one options object in third place:
   * `click(user, id, { guildId: GUILD_B_ID })`.
   */
  click(
    user: FakeUser,
    customId: string,
    messageIdOrOptions: string | ({ messageId?: string; locale?: string } & Place) = {},
    locale = "de",
    channelId?: string,
    guildId?: string,
  ): string {
    const given =
      typeof messageIdOrOptions === "string"
        ? { messageId: messageIdOrOptions, locale, channelId, guildId }
        : { locale, channelId, guildId, ...messageIdOrOptions };
    const where = this.place(given);
    const interaction = {
      ...this.base(user, given.locale ?? "de", true, where),
      type: 3,
      data: { custom_id: customId, component_type: 2 },
      message: { ...botMessage(where.channelId, undefined), id: given.messageId ?? snowflake() },
    };
    return this.deliver(interaction);
  }

  /** Submits a modal (form) the bot showed, with the text typed into each of its fields. */
  submitModal(
    user: FakeUser,
    customId: string,
    fields: Record<string, string>,
    { locale = "de", channelId, guildId }: { locale?: string } & Place = {},
  ): string {
    const interaction = {
      ...this.base(user, locale, true, { guildId, channelId }),
      type: 5,
      data: {
        custom_id: customId,
        components: Object.entries(fields).map(([id, value]) => ({
          type: 1,
          components: [{ type: 4, custom_id: id, value }],
        })),
      },
    };
    return this.deliver(interaction);
  }

  /**
   * A file to attach to a command, served at its `url` (a 404 for ids it does not know) until
   * the fake stops. `fail(/\/attachments\//, …)` applies to its download too.
   */
  attach(
    filename: string,
    content: string | Buffer,
    contentType = "text/plain",
    { servedBytes, chunked = false, chunkDelayMs = 0, channelId = CHANNEL_ID }: ServeOptions = {},
  ): FakeAttachment {
    const id = snowflake();
    const data = Buffer.from(content);
    const served = servedBytes === undefined ? data : Buffer.from(servedBytes);
    this.attachments.set(id, { data: served, type: contentType, chunked, chunkDelayMs });
    const url = `http://127.0.0.1:${this.port}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, size: data.length, url, proxy_url: url, content_type: contentType };
  }

  /** Every file the bot uploaded in answer to an interaction: callback, edits, follow-ups. */
  filesOf(interactionId: string): UploadedFile[] {
    return this.responsesOf(interactionId).flatMap((r) => [...(r.files ?? [])]);
  }

  /** The callback (reply, update, defer) the bot sent for an interaction. */
  callbackOf(interactionId: string): { type: number; data?: Record<string, unknown> } | undefined {
    return this.callbacks.get(interactionId)?.body as
      | { type: number; data?: Record<string, unknown> }
      | undefined;
  }

  /** How many callbacks (reply, update, defer) the bot sent for an interaction. */
  callbackCount(interactionId: string): number {
    return this.callbackTally.get(interactionId) ?? 0;
  }

  /**
   * Every injected interaction the bot did not answer exactly once (no callback, or two), with
   * its callback count: `[]` when each was answered once, whichever shard served it.
   */
  interactionsNotAnsweredOnce(): { id: string; callbacks: number }[] {
    return [...this.deliveredTo.keys()]
      .map((id) => ({ id, callbacks: this.callbackCount(id) }))
      .filter((c) => c.callbacks !== 1);
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

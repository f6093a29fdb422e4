import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import type { FakeAttachment, ServeOptions } from "./fake-discord-data.ts";
import { FakeGateway } from "./fake-gateway.ts";
import {
  autocompleteInteraction,
  clickInteraction,
  commandInteraction,
  type FakeInteraction,
  messageCommandInteraction,
  modalSubmitInteraction,
} from "./fake-interactions.ts";
import { FakeDiscordRecord } from "./fake-record.ts";
import { FakeRest } from "./fake-rest.ts";

export * from "./fake-discord-data.ts";

export interface FakeDiscordOptions {
  /** The shard count `GET /gateway/bot` recommends (what `shards: "auto"` uses); default 1. */
  readonly shardCount?: number;
}

/**
 * A small Discord on 127.0.0.1: the REST routes the bot uses (fake-rest.ts) and a gateway
 * (fake-gateway.ts) that says hello, READY and GUILD_CREATE, answers heartbeats and delivers
 * injected interactions (fake-interactions.ts) to the shard that owns their server. What it saw
 * is recorded (fake-record.ts) so tests can check what the bot sent.
 */
export class FakeDiscord extends FakeDiscordRecord {
  readonly shardCount: number;
  port = 0;
  /** TCP connections the bot opened to the REST and gateway server. */
  connectionsOpened = 0;
  private readonly gateway = new FakeGateway(() => `ws://127.0.0.1:${this.port}`);
  private readonly rest: FakeRest;
  private server!: Server;
  private wss!: WebSocketServer;

  constructor({ shardCount = 1 }: FakeDiscordOptions = {}) {
    super();
    this.shardCount = shardCount;
    this.rest = new FakeRest(this, () => `http://127.0.0.1:${this.port}`, shardCount);
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get identified(): number {
    return this.gateway.identified;
  }

  /** Sessions started or resumed (READY or RESUMED sent): a client that has these is served. */
  get sessionsStarted(): number {
    return this.gateway.sessionsStarted;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.rest.handle(req, res).catch(() => {
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
    this.rest.stop();
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
    this.rest.fail({ match, status, body, delayMs, headers });
  }

  /** Drops every gateway connection, as a network failure would. */
  dropGateway(): void {
    this.gateway.dropAll();
  }

  /** The shard ids that have a live gateway session now, sorted. */
  connectedShards(): number[] {
    return this.gateway.connectedShards();
  }

  /**
   * A file to attach to a command, served at its `url` (a 404 for ids it does not know) until
   * the fake stops. `fail(/\/attachments\//, …)` applies to its download too.
   */
  attach(
    filename: string,
    content: string | Buffer,
    contentType = "text/plain",
    options: ServeOptions = {},
  ): FakeAttachment {
    return this.rest.attach(filename, content, contentType, options);
  }

  /**
   * Sends a slash command; returns the interaction id (its callback path contains it).
   * `attachments` go into `data.resolved.attachments` (merged with `resolved`); the option that
   * names one is `{ name, type: 11, value: attachment.id }`.
   */
  command(...args: Parameters<typeof commandInteraction>): string {
    return this.deliver(commandInteraction(...args));
  }

  /** Uses a message command ("Apps" on a message's menu) on a chat message with this text. */
  messageCommand(...args: Parameters<typeof messageCommandInteraction>): string {
    return this.deliver(messageCommandInteraction(...args));
  }

  /** Types into a command option marked `focused`; the 4th argument is a locale or options. */
  autocomplete(...args: Parameters<typeof autocompleteInteraction>): string {
    return this.deliver(autocompleteInteraction(...args));
  }

  /**
   * Clicks a button on a message the bot sent. Positional as before
   * (`messageId, locale, channelId, guildId`), or one options object in third place:
   * `click(user, id, { guildId: GUILD_B_ID })`.
   */
  click(...args: Parameters<typeof clickInteraction>): string {
    return this.deliver(clickInteraction(...args));
  }

  /** Submits a modal (form) the bot showed, with the text typed into each of its fields. */
  submitModal(...args: Parameters<typeof modalSubmitInteraction>): string {
    return this.deliver(modalSubmitInteraction(...args));
  }

  /**
   * Sends an interaction to the live sessions of the shard owning its server (shard 0 for DMs),
   * never to another shard, and notes which shards got it.
   */
  private deliver(interaction: FakeInteraction): string {
    this.noteSent(interaction);
    const reached = this.gateway.dispatchTo(
      interaction.guild_id,
      "INTERACTION_CREATE",
      interaction,
    );
    this.deliveredTo.set(interaction.id, reached);
    return interaction.id;
  }
}

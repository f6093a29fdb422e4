import type { IncomingMessage, ServerResponse } from "node:http";
import {
  APP_ID,
  botMessage,
  CHANNEL_ID,
  type FakeAttachment,
  type PlannedFault,
  type RecordedRequest,
  type ServeOptions,
  type StoredFile,
  snowflake,
  type UploadedFile,
} from "./fake-discord-data.ts";
import type { FakeDiscordRecord } from "./fake-record.ts";
import { multipartBoundary, parseMultipart } from "./multipart.ts";

type Send = (status: number, json?: unknown) => void;

/**
 * The fake's REST routes: the ones the bot calls (gateway, commands, interaction callbacks,
 * webhooks, channel messages) and the attachment downloads, with planned faults before any.
 */
export class FakeRest {
  private readonly faults: PlannedFault[] = [];
  /** Files served under /attachments/: attached by tests or uploaded by the bot, by id. */
  private readonly attachments = new Map<string, StoredFile>();
  /** Attachment downloads still being sent slowly (ended by `stop`). */
  private readonly streams = new Set<ServerResponse>();

  /**
   * `origin` is the server's `http://127.0.0.1:PORT` (known once it listens); `shardCount` is
   * what `GET /gateway/bot` recommends.
   */
  constructor(
    private readonly record: FakeDiscordRecord,
    private readonly origin: () => string,
    private readonly shardCount: number,
  ) {}

  /** The next request matching `match` gets this status and body (after an optional delay). */
  fail(fault: PlannedFault): void {
    this.faults.push(fault);
  }

  /** Ends the downloads still being served slowly. */
  stop(): void {
    for (const r of this.streams) r.destroy();
  }

  /** A file served at its `url` (a 404 for ids it does not know) until the fake stops. */
  attach(
    filename: string,
    content: string | Buffer,
    contentType: string,
    { servedBytes, chunked = false, chunkDelayMs = 0, channelId = CHANNEL_ID }: ServeOptions,
  ): FakeAttachment {
    const id = snowflake();
    const data = Buffer.from(content);
    const served = servedBytes === undefined ? data : Buffer.from(servedBytes);
    this.attachments.set(id, { data: served, type: contentType, chunked, chunkDelayMs });
    const url = `${this.origin()}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, size: data.length, url, proxy_url: url, content_type: contentType };
  }

  /** Records a request, answers it with a planned fault if one matches, else routes it. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const { body, files, malformed } = this.parseBody(bytes, req.headers["content-type"] ?? "");
    const path = decodeURIComponent((req.url ?? "").split("?")[0] ?? "");
    const method = req.method ?? "GET";
    this.record.noteRequest({
      at: performance.now(),
      method,
      path,
      body,
      authorization: req.headers.authorization,
      ...(files ? { files } : {}),
    });
    const send: Send = (status, json) => {
      res.statusCode = status;
      if (json === undefined) return void res.end();
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
    return this.route({ method, path, body, files }, res, send);
  }

  /** Answers a request as Discord would, or 404 for a route the fake does not know. */
  private async route(
    { method, path, body, files }: Pick<RecordedRequest, "method" | "path" | "body" | "files">,
    res: ServerResponse,
    send: Send,
  ): Promise<void> {
    const attachment = /^\/attachments\/\d+\/(\d+)\//.exec(path);
    if (method === "GET" && attachment) {
      const file = this.attachments.get(attachment[1] as string);
      if (!file) return void send(404, { message: "Unknown attachment", code: 0 });
      return this.serveFile(res, file);
    }
    if (method === "GET" && path === "/api/v10/gateway/bot") {
      return void send(200, {
        url: this.origin().replace(/^http/, "ws"),
        shards: this.shardCount,
        // As many shards may identify at once as there are: discord.js otherwise waits 5 s
        // between identifies, which only slows the tests down.
        session_start_limit: {
          total: 1000,
          remaining: 1000,
          reset_after: 0,
          max_concurrency: this.shardCount,
        },
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
      const channelId = this.record.channelOfToken(webhook[1] as string) ?? CHANNEL_ID;
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
}

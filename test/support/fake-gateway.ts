import type { WebSocket } from "ws";
import { APP_ID, BOT_USER, FAKE_GUILDS, guildObject, shardOf } from "./fake-discord-data.ts";

/** A gateway session as Discord keeps it: the shard it identified as and its own sequence. */
interface Session {
  readonly id: string;
  /** `[shard_id, shard_count]` from IDENTIFY; `[0, 1]` when it sent none. */
  readonly shard: readonly [number, number];
  sequence: number;
}

/** Discord's close code for a `shard` field it cannot serve. */
const INVALID_SHARD = 4010;

/**
 * The fake's WebSocket gateway: says hello, answers heartbeats, starts a session on IDENTIFY
 * (READY and one GUILD_CREATE for each server of its shard) and continues one on RESUME. Events
 * of a server go only to the sessions of the shard that owns it, events outside any server (DMs)
 * to shard 0, as Discord routes them.
 */
export class FakeGateway {
  private readonly sockets = new Set<WebSocket>();
  /** The session each socket serves, once it identified or resumed. */
  private readonly live = new Map<WebSocket, Session>();
  /** Every session started, by id, so a reconnecting client can resume it. */
  private readonly sessions = new Map<string, Session>();
  identified = 0;
  /** Sessions started or resumed (READY or RESUMED sent): a client that has these is served. */
  sessionsStarted = 0;

  constructor(private readonly url: () => string) {}

  accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("close", () => {
      this.sockets.delete(socket);
      this.live.delete(socket);
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 } }));
    socket.on("message", (data) => {
      const msg = JSON.parse(String(data)) as { op: number; d: Record<string, unknown> };
      if (msg.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (msg.op === 2) this.identify(socket, msg.d.shard);
      if (msg.op === 6) this.resume(socket, String(msg.d.session_id));
    });
  }

  /**
   * Sends an event to every live session of the shard that owns `guildId` (shard 0 without one);
   * returns the shard ids it reached, none when that shard has no live session.
   */
  dispatchTo(guildId: string | undefined, t: string, d: unknown): number[] {
    const reached: number[] = [];
    for (const [socket, session] of this.live) {
      const [id, count] = session.shard;
      if ((guildId === undefined ? 0 : shardOf(guildId, count)) !== id) continue;
      this.send(socket, session, t, d);
      reached.push(id);
    }
    return reached;
  }

  /** The shard ids that have a live session now (a shard twice if two sessions serve it). */
  connectedShards(): number[] {
    return [...this.live.values()].map((s) => s.shard[0]).sort((a, b) => a - b);
  }

  /** Drops every gateway connection, as a network failure would. */
  dropAll(): void {
    for (const s of this.sockets) s.terminate();
  }

  private identify(socket: WebSocket, requested: unknown): void {
    const [id = Number.NaN, count = Number.NaN] = Array.isArray(requested)
      ? requested.map(Number)
      : [0, 1];
    if (!(Number.isInteger(id) && Number.isInteger(count) && id >= 0 && id < count)) {
      return void socket.close(INVALID_SHARD, "Invalid shard");
    }
    const session: Session = {
      id: `session-${++this.identified}`,
      shard: [id, count],
      sequence: 0,
    };
    this.sessions.set(session.id, session);
    this.live.set(socket, session);
    this.sessionsStarted++;
    const guilds = FAKE_GUILDS.filter((g) => shardOf(g, session.shard[1]) === session.shard[0]);
    this.send(socket, session, "READY", {
      v: 10,
      user: BOT_USER,
      guilds: guilds.map((g) => ({ id: g, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.url(),
      shard: session.shard,
      application: { id: APP_ID, flags: 0 },
    });
    for (const g of guilds) this.send(socket, session, "GUILD_CREATE", guildObject(g));
  }

  private resume(socket: WebSocket, sessionId: string): void {
    const session = this.sessions.get(sessionId);
    // Discord answers a session it does not know with INVALID_SESSION (not resumable).
    if (!session) return void socket.send(JSON.stringify({ op: 9, d: false }));
    this.live.set(socket, session);
    this.sessionsStarted++;
    this.send(socket, session, "RESUMED", {});
  }

  private send(socket: WebSocket, session: Session, t: string, d: unknown): void {
    socket.send(JSON.stringify({ op: 0, t, s: ++session.sequence, d }));
  }
}

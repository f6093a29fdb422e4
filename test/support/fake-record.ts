import type { RecordedRequest, UploadedFile } from "./fake-discord-data.ts";
import type { FakeInteraction } from "./fake-interactions.ts";

const CALLBACK = /^\/api\/v10\/interactions\/(\d+)\//;

/**
 * What the fake Discord saw: every request the bot sent, every interaction handed to it and the
 * shards that received it, and the questions tests ask of that (what was answered, how often).
 */
export class FakeDiscordRecord {
  readonly requests: RecordedRequest[] = [];
  /** When each injected interaction was sent (performance.now()). */
  readonly sentAt = new Map<string, number>();
  /** The shard ids each injected interaction was sent to, by interaction id (empty: to none). */
  readonly deliveredTo = new Map<string, readonly number[]>();
  /** Each interaction's token, by interaction id. */
  private readonly tokens = new Map<string, string>();
  /** The channel of each interaction, by token (for messages posted through its webhook). */
  private readonly tokenChannels = new Map<string, string>();
  /** The first callback of each interaction, by interaction id (looked up often in soak tests). */
  private readonly callbacks = new Map<string, RecordedRequest>();
  /** Callback requests per interaction id: every POST to its callback route, faulted ones too. */
  private readonly callbackTally = new Map<string, number>();

  /** Notes a request the bot sent, before it is answered. */
  noteRequest(request: RecordedRequest): void {
    this.requests.push(request);
    const callback = CALLBACK.exec(request.path);
    if (!callback || request.method !== "POST") return;
    const id = callback[1] as string;
    if (!this.callbacks.has(id)) this.callbacks.set(id, request);
    this.callbackTally.set(id, (this.callbackTally.get(id) ?? 0) + 1);
  }

  /** Notes an interaction about to be handed to the gateway. */
  noteSent(interaction: FakeInteraction): void {
    this.tokens.set(interaction.id, interaction.token);
    this.tokenChannels.set(interaction.token, interaction.channel_id);
    this.sentAt.set(interaction.id, performance.now());
  }

  /** The channel an interaction token belongs to, for messages posted through its webhook. */
  channelOfToken(token: string): string | undefined {
    return this.tokenChannels.get(token);
  }

  /** Every interaction token handed to the bot (none may ever appear in its logs). */
  issuedTokens(): string[] {
    return [...this.tokens.values()];
  }

  /** Interactions no session received: the shard owning their server had none connected. */
  undeliveredInteractions(): string[] {
    return [...this.deliveredTo].filter(([, shards]) => shards.length === 0).map(([id]) => id);
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

  /** Every file the bot uploaded in answer to an interaction: callback, edits, follow-ups. */
  filesOf(interactionId: string): UploadedFile[] {
    return this.responsesOf(interactionId).flatMap((r) => [...(r.files ?? [])]);
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

  /** Polls `find` every 10 ms until it returns something other than undefined or false. */
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

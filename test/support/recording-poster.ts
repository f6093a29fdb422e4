import type { ChannelPoster, PostedMessage, PostRefused } from "../../src/interactions/request.ts";
import type { View } from "../../src/interactions/view.ts";

/** A message as a channel received it. */
export interface RecordedPost {
  readonly id: string;
  readonly channelId: string;
  readonly view: View;
  readonly nonce: string | undefined;
  readonly at: number;
}

/** How long Discord remembers a nonce (its documentation says "the past few minutes"). */
const NONCE_MEMORY_MS = 5 * 60_000;

/**
 * Channels as Discord keeps them, for tests of posting without a gateway: every message that
 * reached a channel, and Discord's enforce_nonce (a nonce posted again within a few minutes
 * returns the first message, no second one). `refuse` makes a channel refuse every post.
 */
export class RecordingPoster implements ChannelPoster {
  readonly posts: RecordedPost[] = [];
  private readonly refusals = new Map<string, PostRefused>();
  /** The next post fails after reaching the channel (the process dies before it hears back). */
  failAfterNextPost = false;

  constructor(private readonly clock: () => number) {}

  refuse(channelId: string, refusal: PostRefused): void {
    this.refusals.set(channelId, refusal);
  }

  async post(channelId: string, view: View, options?: { nonce?: string }): Promise<PostedMessage> {
    const refusal = this.refusals.get(channelId);
    if (refusal) throw refusal;
    const now = this.clock();
    const nonce = options?.nonce;
    const earlier = this.posts.find(
      (p) => nonce !== undefined && p.nonce === nonce && now - p.at < NONCE_MEMORY_MS,
    );
    const message = earlier ?? {
      id: String(this.posts.length + 1),
      channelId,
      view,
      nonce,
      at: now,
    };
    if (!earlier) this.posts.push(message);
    if (this.failAfterNextPost) {
      this.failAfterNextPost = false;
      throw new Error("connection lost after the post reached the channel");
    }
    return { id: message.id, edit: async () => {} };
  }
}

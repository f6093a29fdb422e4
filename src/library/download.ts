/**
 * Fetching a file a member attached to a command. Only Discord's attachment addresses are
 * fetched (never a link a user typed), with a size cap and a timeout, without following
 * redirects elsewhere.
 */
export type DownloadOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: "not-allowed" | "too-large" | "failed" | "timeout" };

export interface AttachmentFetcher {
  fetch(url: string, maxBytes: number): Promise<DownloadOutcome>;
}

/** Where Discord serves attachments. */
export const DISCORD_ATTACHMENT_ORIGINS: readonly string[] = [
  "https://cdn.discordapp.com",
  "https://media.discordapp.net",
];

const ATTACHMENT_PATH = /^\/(ephemeral-)?attachments\//;

export function attachmentFetcher(options: {
  readonly origins: readonly string[];
  readonly timeoutMs: number;
}): AttachmentFetcher {
  const origins = new Set(options.origins.map((o) => new URL(o).origin));
  return {
    async fetch(url, maxBytes) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return { ok: false, reason: "not-allowed" };
      }
      if (!origins.has(parsed.origin) || !ATTACHMENT_PATH.test(parsed.pathname))
        return { ok: false, reason: "not-allowed" };
      const signal = AbortSignal.timeout(options.timeoutMs);
      try {
        const response = await fetch(parsed, { redirect: "error", signal });
        if (!response.ok || !response.body) return { ok: false, reason: "failed" };
        const announced = Number(response.headers.get("content-length") ?? 0);
        if (announced > maxBytes) {
          await response.body.cancel();
          return { ok: false, reason: "too-large" };
        }
        const chunks: Uint8Array[] = [];
        let size = 0;
        for await (const chunk of response.body) {
          size += chunk.byteLength;
          if (size > maxBytes) return { ok: false, reason: "too-large" };
          chunks.push(chunk);
        }
        return { ok: true, bytes: Buffer.concat(chunks) };
      } catch (error) {
        const timedOut = signal.aborted || (error as Error).name === "TimeoutError";
        return { ok: false, reason: timedOut ? "timeout" : "failed" };
      }
    },
  };
}

/** Attachment bytes as text: UTF-8, or undefined when they are not. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

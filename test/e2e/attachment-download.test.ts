import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentFetcher } from "../../src/library/download.ts";
import { FakeDiscord } from "../support/fake-discord.ts";

// The bot's attachment download against files the fake serves the way a hostile or broken
// host would: more bytes than announced, no length at all, too slowly.

let fake: FakeDiscord;
beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
});
afterAll(() => fake.stop());

const fetcher = (timeoutMs = 5000) =>
  attachmentFetcher({ origins: [`http://127.0.0.1:${fake.port}`], timeoutMs });

describe("downloading an attachment", () => {
  it("takes a file within the cap", async () => {
    const file = fake.attach("kurz.md", "# Titel\n\nText.");
    const outcome = await fetcher().fetch(file.url, 1000);
    expect(outcome).toEqual({ ok: true, bytes: expect.any(Uint8Array) });
    expect(outcome.ok && Buffer.from(outcome.bytes).toString()).toBe("# Titel\n\nText.");
  });

  it("stops a file that announces more than the cap", async () => {
    const file = fake.attach("gross.md", "x".repeat(2000));
    expect(await fetcher().fetch(file.url, 1000)).toEqual({ ok: false, reason: "too-large" });
  });

  it("stops a file that announces no length and streams past the cap", async () => {
    const file = fake.attach("luege.md", "klein", "text/plain", {
      servedBytes: Buffer.alloc(50_000, 0x61),
      chunked: true,
    });
    expect(await fetcher().fetch(file.url, 1000)).toEqual({ ok: false, reason: "too-large" });
  });

  it("gives up on a file that trickles in too slowly", async () => {
    // Five 1 kB chunks, 100 ms apart: half a second against a 150 ms limit.
    const file = fake.attach("langsam.md", "a".repeat(5000), "text/plain", {
      chunked: true,
      chunkDelayMs: 100,
    });
    expect(await fetcher(150).fetch(file.url, 10_000)).toEqual({ ok: false, reason: "timeout" });
  });

  it("reports a failed download as failed", async () => {
    const url = `http://127.0.0.1:${fake.port}/attachments/1/2/fehlt.md`;
    expect(await fetcher().fetch(url, 1000)).toEqual({ ok: false, reason: "failed" });
  });
});

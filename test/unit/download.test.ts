import { describe, expect, it } from "vitest";
import { attachmentFetcher } from "../../src/library/download.ts";

const fetcher = attachmentFetcher({
  origins: ["https://cdn.discordapp.com", "https://media.discordapp.net"],
  timeoutMs: 1000,
});

describe("attachment fetching", () => {
  it("fetches nothing outside Discord's attachment addresses", async () => {
    for (const url of [
      "http://127.0.0.1:9/attachments/1/2/a.md",
      "https://cdn.discordapp.com.evil.example/attachments/1/2/a.md",
      "https://cdn.discordapp.com/avatars/1/2.png",
      "file:///etc/passwd",
      "not a url",
    ])
      expect(await fetcher.fetch(url, 1000)).toEqual({ ok: false, reason: "not-allowed" });
  });
});

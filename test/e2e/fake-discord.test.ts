import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  CHANNEL_B_ID,
  CHANNEL_ID,
  CHANNEL_SHARD_1_ID,
  FakeDiscord,
  type FakeUser,
  GUILD_B_ID,
  GUILD_ID,
  GUILD_SHARD_1_ID,
} from "../support/fake-discord.ts";

// The fake itself, driven with fetch and a bare WebSocket (no bot): what tests of the bot rely on.

const user: FakeUser = { id: "730000000000000001", name: "Ida" };
const owner: FakeUser = { id: "730000000000000002", name: "Ole", manageGuild: true, roles: ["77"] };

interface Dispatch {
  op: number;
  t?: string;
  d: Record<string, unknown>;
}

let fake: FakeDiscord;
let gateway: WebSocket;
const dispatches: Dispatch[] = [];

beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
  gateway = new WebSocket(`ws://127.0.0.1:${fake.port}/?v=10&encoding=json`);
  gateway.on("message", (data) => dispatches.push(JSON.parse(String(data)) as Dispatch));
  await new Promise((resolve) => gateway.once("open", resolve));
  gateway.send(JSON.stringify({ op: 2, d: { token: "t", intents: 1, properties: {} } }));
  await fake.waitFor(() => dispatches.filter((m) => m.t === "GUILD_CREATE").length === 3);
});

afterAll(async () => {
  gateway?.close();
  await fake?.stop();
});

/** The INTERACTION_CREATE the fake sent for this interaction id. */
const delivered = (id: string) =>
  fake.waitFor(() => dispatches.find((m) => m.t === "INTERACTION_CREATE" && m.d.id === id)?.d);

describe("the fake Discord", () => {
  it("announces three servers to an unsharded client, each with its own channel", () => {
    const ready = dispatches.find((m) => m.t === "READY");
    expect(ready?.d.shard).toEqual([0, 1]);
    expect(ready?.d.guilds).toEqual([
      { id: GUILD_ID, unavailable: true },
      { id: GUILD_B_ID, unavailable: true },
      { id: GUILD_SHARD_1_ID, unavailable: true },
    ]);
    const guilds = dispatches
      .filter((m) => m.t === "GUILD_CREATE")
      .map((m) => ({
        id: m.d.id,
        name: m.d.name,
        channel: (m.d.channels as { id: string }[])[0]?.id,
      }));
    expect(guilds).toEqual([
      { id: GUILD_ID, name: "Lesekreis", channel: CHANNEL_ID },
      { id: GUILD_B_ID, name: "Zweiter Kreis", channel: CHANNEL_B_ID },
      { id: GUILD_SHARD_1_ID, name: "Dritter Kreis", channel: CHANNEL_SHARD_1_ID },
    ]);
  });

  it("serves an attached file's bytes, 404 for an unknown id, and applies fail()", async () => {
    const bytes = Buffer.from([0, 1, 2, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]);
    const file = fake.attach("daten äö.bin", bytes, "application/octet-stream");
    expect(file).toMatchObject({ filename: "daten äö.bin", size: 8 });
    expect(file.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${fake.port}/attachments/\\d+/`));
    const ok = await fetch(file.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/octet-stream");
    expect(ok.headers.get("content-length")).toBe("8");
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(bytes);

    const unknown = await fetch(file.url.replace(`/${file.id}/`, "/1/"));
    expect(unknown.status).toBe(404);

    fake.fail(/^GET \/attachments\//, 503, { message: "down" }, 150);
    const started = performance.now();
    const failed = await fetch(file.url);
    expect(failed.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect((await fetch(file.url)).status).toBe(200);
  });

  it("can serve other bytes than announced, chunked and slowly", async () => {
    const file = fake.attach("klein.txt", "kurz", "text/plain", {
      servedBytes: Buffer.alloc(3000, 0x61),
      chunked: true,
      chunkDelayMs: 20,
    });
    expect(file.size).toBe(4);
    const started = performance.now();
    const response = await fetch(file.url);
    expect(response.headers.get("content-length")).toBeNull();
    expect((await response.arrayBuffer()).byteLength).toBe(3000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("puts attachments into the command's resolved data", async () => {
    const file = fake.attach("a.md", "# A");
    const id = fake.command(
      owner,
      "library",
      [{ name: "add", type: 1, options: [{ name: "file", type: 11, value: file.id }] }],
      { attachments: [file], resolved: { users: {} } },
    );
    const data = (await delivered(id)).data as { resolved: Record<string, unknown> };
    expect(data.resolved).toEqual({ users: {}, attachments: { [file.id]: file } });
  });

  it("records a multipart callback: its payload_json as the body and its files", async () => {
    const id = fake.command(user, "export");
    const token = ((await delivered(id)) as { token: string }).token;
    const binary = Buffer.from([0x50, 0x4b, 3, 4, 0x0d, 0x0a, 0x2d, 0x2d, 0, 0xff]);
    const boundary = "----formdata-undici-012345678901";
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files[0]"; filename="a %22b%22 ä.zip"\r\nContent-Type: application/zip\r\n\r\n`,
      ),
      binary,
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="files[1]"; filename="n.txt"\r\nContent-Type: application/octet-stream\r\n\r\nzwei\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="payload_json"\r\n\r\n{"type":4,"data":{"content":"hier","attachments":[{"id":"0"},{"id":"1"}]}}\r\n--${boundary}--\r\n`,
      ),
    ]);
    const response = await fetch(
      `${fake.apiUrl}/v10/interactions/${id}/${token}/callback?with_response=false`,
      {
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
        body,
      },
    );
    expect(response.status).toBe(204);
    expect(fake.callbackOf(id)).toEqual({
      type: 4,
      data: { content: "hier", attachments: [{ id: "0" }, { id: "1" }] },
    });
    expect(fake.payloadsOf(id)[0]).toMatchObject({ content: "hier" });
    const recorded = fake.responsesOf(id)[0]?.files;
    expect(recorded?.map((f) => [f.name, f.filename, f.contentType])).toEqual([
      ["files[0]", 'a "b" ä.zip', "application/zip"],
      ["files[1]", "n.txt", "application/octet-stream"],
    ]);
    expect(fake.filesOf(id).map((f) => f.data)).toEqual([binary, Buffer.from("zwei")]);
  });

  it("answers a follow-up with files as a message whose attachments it serves", async () => {
    const id = fake.command(user, "export", [], { guildId: GUILD_B_ID });
    const token = ((await delivered(id)) as { token: string }).token;
    const form = new FormData();
    form.append("files[0]", new Blob(["Inhalt"], { type: "text/markdown" }), "notiz.md");
    form.append("payload_json", JSON.stringify({ content: "dazu", attachments: [{ id: "0" }] }));
    const response = await fetch(`${fake.apiUrl}/v10/webhooks/1/${token}?wait=true`, {
      method: "POST",
      body: form,
    });
    const message = (await response.json()) as {
      channel_id: string;
      content: string;
      attachments: { filename: string; size: number; url: string }[];
    };
    expect(message).toMatchObject({ channel_id: CHANNEL_B_ID, content: "dazu" });
    expect(message.attachments).toMatchObject([{ filename: "notiz.md", size: 6 }]);
    const served = await fetch(message.attachments[0]?.url as string);
    expect(await served.text()).toBe("Inhalt");
    expect(fake.filesOf(id)).toMatchObject([
      { filename: "notiz.md", contentType: "text/markdown" },
    ]);
  });

  it("refuses a multipart body it cannot read", async () => {
    const response = await fetch(`${fake.apiUrl}/v10/channels/${CHANNEL_ID}/messages`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
      body: '--xyz\r\nContent-Disposition: form-data; name="payload_json"\r\n\r\n{}',
    });
    expect(response.status).toBe(400);
  });

  it("puts an interaction in the second server when asked, with that server's ids", async () => {
    const ids = [
      fake.command(user, "cite", [], { guildId: GUILD_B_ID }),
      fake.click(user, "next", { guildId: GUILD_B_ID }),
      fake.submitModal(user, "form", { title: "x" }, { guildId: GUILD_B_ID }),
      fake.autocomplete(user, "source", [], { guildId: GUILD_B_ID }),
      fake.messageCommand(user, "Belegen", "Text", { guildId: GUILD_B_ID }),
    ];
    for (const id of ids) {
      const d = await delivered(id);
      expect(d).toMatchObject({
        guild_id: GUILD_B_ID,
        channel_id: CHANNEL_B_ID,
        channel: { id: CHANNEL_B_ID, guild_id: GUILD_B_ID },
        authorizing_integration_owners: { "0": GUILD_B_ID },
      });
    }
    const elsewhere = await delivered(
      fake.command(user, "cite", [], { guildId: GUILD_B_ID, channelId: "300000000000000099" }),
    );
    expect(elsewhere).toMatchObject({ guild_id: GUILD_B_ID, channel_id: "300000000000000099" });
    const first = await delivered(fake.click(user, "next", undefined, "de", "300000000000000098"));
    expect(first).toMatchObject({ guild_id: GUILD_ID, channel_id: "300000000000000098" });
    expect(await delivered(fake.autocomplete(user, "source", [], "en-US"))).toMatchObject({
      guild_id: GUILD_ID,
      channel_id: CHANNEL_ID,
      locale: "en-US",
    });
  });

  it("gives a Manage Server member bit 5 and their roles", async () => {
    const member = (await delivered(fake.command(owner, "library"))).member as {
      permissions: string;
      roles: string[];
    };
    expect(BigInt(member.permissions) & (1n << 5n)).toBe(1n << 5n);
    expect(member.roles).toEqual(["77"]);
    const plain = (await delivered(fake.command(user, "library"))).member as {
      permissions: string;
    };
    expect(BigInt(plain.permissions) & (1n << 5n)).toBe(0n);
  });
});

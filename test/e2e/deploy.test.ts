import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/interactions/commands/index.ts";
import { APP_ID, FakeDiscord, GUILD_ID } from "../support/fake-discord.ts";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

let fake: FakeDiscord;
beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
});
afterAll(() => fake.stop());

describe("npm run deploy-commands", () => {
  it("registers every command, localized, to one server and prints them", async () => {
    const { stdout } = await run(TSX, ["src/discord/deploy.ts"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: "deploy-token",
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: GUILD_ID,
      },
    });
    expect(stdout).toContain(`Registered ${COMMANDS.length} commands for server ${GUILD_ID}`);
    expect(stdout).toContain(
      '/cite, /source, /quiz, /leaderboard, /stats, /review, /help, "Find source"',
    );
    const put = fake.requests.find((r) => r.method === "PUT");
    expect(put?.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    const body = put?.body as {
      name: string;
      type: number;
      name_localizations?: { de?: string };
      description_localizations?: { de?: string };
      integration_types?: number[];
      contexts?: number[];
    }[];
    const slash = body.filter((c) => c.type === 1);
    expect(slash.every((c) => c.name_localizations?.de && c.description_localizations?.de)).toBe(
      true,
    );
    const findSource = body.find((c) => c.type === 3);
    expect(findSource).toMatchObject({
      name: "Find source",
      name_localizations: { de: "Beleg finden" },
      integration_types: [0, 1],
      contexts: [0, 1, 2],
    });
    expect(body.find((c) => c.name === "cite")).toMatchObject({ integration_types: [0, 1] });
    expect(body.find((c) => c.name === "quiz")).toMatchObject({
      integration_types: [0],
      contexts: [0],
    });
  });
});

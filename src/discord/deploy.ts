import { type APIApplication, ApplicationCommandType, REST, Routes } from "discord.js";
import { loadConfig } from "../config.ts";
import { COMMANDS } from "../interactions/commands/index.ts";
import { commandData } from "./command-data.ts";

/** `npm run deploy-commands`: registers the slash commands to one server, or globally. */
async function deploy(): Promise<number> {
  const config = loadConfig();
  if (!config.discordToken) {
    process.stderr.write("DISCORD_TOKEN is not set: nothing to register.\n");
    return 1;
  }
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(
    config.discordToken,
  );
  const app = (await rest.get(Routes.currentApplication())) as APIApplication;
  const body = COMMANDS.map((c) => commandData(c.data));
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(app.id, config.discordGuildId)
    : Routes.applicationCommands(app.id);
  const registered = (await rest.put(route, { body })) as { name: string; type?: number }[];
  const where = config.discordGuildId
    ? `server ${config.discordGuildId}`
    : "all servers (global; may take up to an hour)";
  process.stdout.write(
    `Registered ${registered.length} commands for ${where}: ${registered
      .map((c) => (c.type === ApplicationCommandType.Message ? `"${c.name}"` : `/${c.name}`))
      .join(", ")}\n`,
  );
  return 0;
}

deploy().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Could not register the commands: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);

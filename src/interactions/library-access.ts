import type { InteractionContext } from "./context.ts";
import type { RequestBase, Responder } from "./request.ts";
import { libraryTexts } from "./texts/library.ts";

/**
 * The server whose library the asker may manage (Manage Server, or the role the server set);
 * null, after telling them privately, when they may not.
 */
export async function librarianServer(
  ctx: InteractionContext,
  request: RequestBase,
  respond: Responder,
): Promise<string | null> {
  const member = {
    canManageGuild: request.canManageGuild ?? false,
    roleIds: request.roleIds ?? [],
  };
  if (request.guildId !== null && (await ctx.library.mayManage(request.guildId, member)))
    return request.guildId;
  await respond.reply({ content: libraryTexts(request.lang).forbidden, ephemeral: true });
  return null;
}

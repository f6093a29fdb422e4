import { asc } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { articles, claims } from "../../db/schema.ts";
import type { Choice, RequestBase, Responder } from "../context.ts";
import { texts } from "../i18n.ts";
import { LIMITS, truncate } from "../render/limits.ts";

/** Articles whose id or title contains what was typed, for autocomplete (at most 25). */
export function articleChoices(db: Db, typed: string): Choice[] {
  const needle = typed.trim().toLowerCase();
  return db
    .select({ id: articles.id, title: articles.title })
    .from(articles)
    .orderBy(asc(articles.id))
    .all()
    .filter((a) => a.id.includes(needle) || (a.title ?? "").toLowerCase().includes(needle))
    .slice(0, LIMITS.choices)
    .map((a) => ({
      name: truncate(a.title ? `${a.title} (${a.id})` : a.id, LIMITS.choiceName),
      value: a.id,
    }));
}

/** Claim tags that contain what was typed, for autocomplete (at most 25). */
export function topicChoices(db: Db, typed: string): Choice[] {
  const needle = typed.trim().toLowerCase();
  const tags = new Set(
    db
      .select({ tags: claims.tags })
      .from(claims)
      .all()
      .flatMap((c) => c.tags),
  );
  return [...tags]
    .filter((t) => t.includes(needle))
    .sort()
    .slice(0, LIMITS.choices)
    .map((t) => ({ name: t, value: t }));
}

export const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v : undefined;
export const int = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isInteger(v)
    ? v
    : typeof v === "string" && /^\d{1,6}$/.test(v)
      ? Number(v)
      : undefined;

/**
 * The server a server-only command runs in. Discord hides these commands in DMs, but an old
 * client or the console may still send one: then it answers privately that it needs a server.
 */
export async function serverOf(request: RequestBase, respond: Responder): Promise<string | null> {
  if (request.guildId === null) {
    await respond.reply({ content: texts(request.lang).guildOnly, ephemeral: true });
  }
  return request.guildId;
}

import type { CorpusReader } from "../../corpus/reader.ts";
import { texts } from "../i18n.ts";
import type { Choice, RequestBase, Responder } from "../request.ts";
import { truncate } from "../views/text.ts";

/** Discord shows at most 25 choices of at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_NAME = 100;

/** Articles whose id or title contains what was typed, for autocomplete. */
export function articleChoices(corpus: CorpusReader, typed: string): Choice[] {
  const needle = typed.trim().toLowerCase();
  return corpus
    .articles()
    .filter((a) => a.id.includes(needle) || (a.title ?? "").toLowerCase().includes(needle))
    .slice(0, MAX_CHOICES)
    .map((a) => ({
      name: truncate(a.title ? `${a.title} (${a.id})` : a.id, MAX_CHOICE_NAME),
      value: a.id,
    }));
}

/** Claim tags that contain what was typed, for autocomplete. */
export function topicChoices(corpus: CorpusReader, typed: string): Choice[] {
  const needle = typed.trim().toLowerCase();
  return corpus
    .topics()
    .filter((t) => t.includes(needle))
    .slice(0, MAX_CHOICES)
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

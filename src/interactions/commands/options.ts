import type { CorpusReader } from "../../corpus/reader.ts";
import { shownId } from "../../library/ids.ts";
import type { Lang } from "../../quiz/types.ts";
import type { GuildScope } from "../../search/scope.ts";
import type { OptionSpec } from "../command-spec.ts";
import { texts } from "../i18n.ts";
import type { Choice, CommandRequest, RequestBase, Responder } from "../request.ts";
import { truncate } from "../views/text.ts";

/** Discord shows at most 25 choices of at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_NAME = 100;

/** Articles whose id or title contains what was typed, for autocomplete. */
export function articleChoices(corpus: CorpusReader, typed: string, guildId: GuildScope): Choice[] {
  const needle = typed.trim().toLowerCase();
  return corpus
    .articles(guildId)
    .filter((a) => a.id.includes(needle) || (a.title ?? "").toLowerCase().includes(needle))
    .slice(0, MAX_CHOICES)
    .map((a) => ({
      name: truncate(a.title ? `${a.title} (${shownId(a.id)})` : shownId(a.id), MAX_CHOICE_NAME),
      value: a.id,
    }));
}

/** Every article id, as the values an article option accepts. */
export function articleIds(corpus: CorpusReader, guildId: GuildScope): Choice[] {
  return corpus.articles(guildId).map((a) => ({ value: a.id, name: shownId(a.id) }));
}

/** Topics whose slug or name (in either language) contains what was typed, for autocomplete. */
export function topicChoices(
  corpus: CorpusReader,
  typed: string,
  lang: Lang,
  guildId: GuildScope,
): Choice[] {
  const needle = typed.trim().toLocaleLowerCase();
  return corpus
    .topics(guildId)
    .filter((t) =>
      [t.slug, t.label.de, t.label.en].some((n) => n.toLocaleLowerCase().includes(needle)),
    )
    .slice(0, MAX_CHOICES)
    .map((t) => ({ name: truncate(t.label[lang], MAX_CHOICE_NAME), value: t.slug }));
}

/** The slug of a topic typed as its slug or its name in either language; else what was typed. */
export function topicSlug(
  corpus: CorpusReader,
  typed: string | undefined,
  guildId: GuildScope,
): string | undefined {
  if (typed === undefined) return undefined;
  const wanted = typed.trim().toLocaleLowerCase();
  const found = corpus
    .topics(guildId)
    .find((t) => [t.slug, t.label.de, t.label.en].some((n) => n.toLocaleLowerCase() === wanted));
  return found?.slug ?? typed;
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

/** Most known values a "there is no …" message lists. */
const MAX_LISTED = 15;

/**
 * What is wrong with the options of a request, checked against the command's spec: numbers out
 * of range, values outside the choices or outside `known` (articles, topics). Undefined when all
 * are fine. The message names the accepted values, in the request's language.
 */
export function optionProblem(
  specs: readonly OptionSpec[],
  request: CommandRequest,
  known: Readonly<Record<string, readonly Choice[]>> = {},
): string | undefined {
  const t = texts(request.lang);
  for (const spec of specs) {
    const value = request.options[spec.name];
    if (value === undefined) continue;
    const label = request.lang === "de" ? spec.nameDe : spec.name;
    if (spec.type === "integer") {
      const n = int(value);
      const min = spec.minValue ?? Number.MIN_SAFE_INTEGER;
      const max = spec.maxValue ?? Number.MAX_SAFE_INTEGER;
      if (n === undefined || n < min || n > max) return t.outOfRange(label, min, max);
    }
    const allowed =
      spec.choices?.map((c) => ({ value: c.value, name: c.name[request.lang] })) ??
      known[spec.name];
    if (allowed && typeof value === "string" && !allowed.some((a) => a.value === value)) {
      const listed = allowed.slice(0, MAX_LISTED).map((a) => a.name);
      const more = allowed.length > MAX_LISTED ? ", …" : "";
      return t.unknownChoice(label, value, `${listed.join(", ")}${more}`);
    }
  }
  return undefined;
}

/** Answers privately with the options' problem, if there is one; true when there was. */
export async function refuseBadOptions(
  specs: readonly OptionSpec[],
  request: CommandRequest,
  respond: Responder,
  known?: Readonly<Record<string, readonly Choice[]>>,
): Promise<boolean> {
  const problem = optionProblem(specs, request, known);
  if (problem) await respond.reply({ content: problem, ephemeral: true });
  return problem !== undefined;
}

/** The kind of questions, as `/quiz start` and `/daily start` take it. */
export const QUESTION_KIND_OPTION: OptionSpec = {
  name: "kind",
  nameDe: "art",
  type: "string",
  description: {
    en: "Multiple choice, true/false, typed answers or mixed",
    de: "Multiple Choice, wahr/falsch, eingetippt oder gemischt",
  },
  choices: [
    { value: "mc", name: { en: "multiple choice", de: "Multiple Choice" } },
    { value: "tf", name: { en: "true/false", de: "wahr/falsch" } },
    { value: "typed", name: { en: "type the answer", de: "Antwort eintippen" } },
    { value: "mixed", name: { en: "mixed", de: "gemischt" } },
  ],
};

import { describe, expect, it } from "vitest";
import type { CommandSpec } from "../../src/interactions/command-spec.ts";
import { COMMANDS } from "../../src/interactions/commands/index.ts";
import { texts } from "../../src/interactions/i18n.ts";
import type { Lang } from "../../src/quiz/types.ts";

const nameIn = (lang: Lang, spec: { name: string; nameDe: string }) =>
  lang === "de" ? spec.nameDe : spec.name;

/** Every "/command subcommand" a help text names, as that language's client shows it. */
function unknownNames(lang: Lang): string[] {
  const specs: CommandSpec[] = COMMANDS.map((c) => c.data);
  const text = texts(lang)
    .helpLines.map(([name, what]) => `${name} ${what}`)
    .join(" ");
  const unknown: string[] = [];
  for (const [, name, sub] of text.matchAll(/\/(\p{L}+)(?: (\p{Ll}+))?/gu)) {
    const spec = specs.find((s) => nameIn(lang, s) === name);
    if (!spec) unknown.push(`/${name}`);
    else if (spec.subcommands && !spec.subcommands.some((s) => nameIn(lang, s) === sub))
      unknown.push(`/${name} ${sub}`);
  }
  return unknown;
}

describe("/help", () => {
  it.each(["de", "en"] as const)("names commands as the %s client shows them", (lang) => {
    expect(unknownNames(lang)).toEqual([]);
  });
});

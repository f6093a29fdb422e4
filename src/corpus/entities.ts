import { z } from "zod";
import { normalizeAnswer } from "./claim-rules.ts";
import type { Bilingual } from "./claim-types.ts";
import type { CorpusProblem } from "./problems.ts";
import { parseLocatedYaml } from "./yaml-positions.ts";

/**
 * `corpus/entities.yaml`: what a question may say about an option (its kind, owner, field, role,
 * country, and when it existed), so a wrong option never lacks what the question names.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(SLUG, "lower-case words joined by hyphens");
const slugs = z.union([slug, z.array(slug).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
const names = z
  .union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]));
const year = z.number().int().min(1000).max(2100);

const EntitySchema = z.strictObject({
  /** company, person, agency, newspaper, platform, party, podcast, city … */
  kind: slug,
  /** Whose it is: a person or a parent company, as named in the options ("Elon Musk", "Meta"). */
  owner: names.optional(),
  /** What it works in: space, cars, ai, social-media, media … */
  field: slugs.optional(),
  /** What a person is or was: prime-minister, media-entrepreneur, investor … */
  role: slugs.optional(),
  /** Where it belongs: a country's name in English ("US", "Italy"). */
  country: z.string().trim().min(1).optional(),
  /** Founded, launched or born: never offered for a time before. */
  since: year.optional(),
  /** Dissolved or ended: never offered for a time after. */
  until: year.optional(),
  /** Other spellings an option may use ("Space X", "Verteidigungsministerium"). */
  aka: z.array(z.string().trim().min(1)).default([]),
});

export type Entity = z.infer<typeof EntitySchema> & { readonly name: string };

/** What a claim's question says about every option (each key must hold for each option). */
export const AsksSchema = z
  .strictObject({
    kind: slugs.optional(),
    owner: z.string().trim().min(1).optional(),
    field: slug.optional(),
    role: slug.optional(),
    country: z.string().trim().min(1).optional(),
  })
  .refine(
    (a) => Object.keys(a).length > 0,
    "asks names at least one of kind, owner, field, role, country",
  );
export type Asks = z.infer<typeof AsksSchema>;

/** Entities by every folded name and spelling. */
export type Entities = ReadonlyMap<string, Entity>;

export const NO_ENTITIES: Entities = new Map();

export const entityOf = (entities: Entities, option: string) =>
  entities.get(normalizeAnswer(option));

/** Parses entities.yaml; each problem with its line. */
export function parseEntities(
  file: string,
  source: string | undefined,
  problems: CorpusProblem[],
): Entities {
  const entities = new Map<string, Entity>();
  if (source === undefined) return entities;
  const yaml = parseLocatedYaml(source);
  for (const e of yaml.errors) problems.push({ file, line: e.line, message: e.message });
  const parsed = z.record(z.string().trim().min(1), EntitySchema).safeParse(yaml.value ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({
        file,
        line: yaml.lineOf(issue.path as PropertyKey[]),
        message: `${issue.path.join(".")}: ${issue.message}`,
      });
    return entities;
  }
  for (const [name, data] of Object.entries(parsed.data)) {
    const entity = { ...data, name };
    for (const spelling of [name, ...data.aka]) {
      const key = normalizeAnswer(spelling);
      const earlier = entities.get(key);
      if (earlier && earlier.name !== name)
        problems.push({
          file,
          line: yaml.lineOf([name]),
          message: `"${spelling}" is also a spelling of "${earlier.name}"`,
        });
      entities.set(key, entity);
    }
  }
  return entities;
}

const same = (a: string, b: string) => normalizeAnswer(a) === normalizeAnswer(b);

/** The first thing the entity lacks of what the question names; undefined if it has it all. */
export function lacking(entity: Entity, asks: Asks): string | undefined {
  if (asks.kind && !asks.kind.includes(entity.kind)) return `is a ${entity.kind}`;
  if (asks.owner && !(entity.owner ?? []).some((o) => same(o, asks.owner as string)))
    return `does not belong to ${asks.owner}`;
  if (asks.field && !(entity.field ?? []).includes(asks.field)) return `is not in ${asks.field}`;
  if (asks.role && !(entity.role ?? []).includes(asks.role)) return `is not a ${asks.role}`;
  if (asks.country && !same(entity.country ?? "", asks.country))
    return `does not belong to ${asks.country}`;
  return undefined;
}

/** Whether the entity existed in that year (founded, launched, born before; not ended). */
export const existedIn = (entity: Entity, year: number) =>
  (entity.since === undefined || entity.since <= year) &&
  (entity.until === undefined || entity.until >= year);

const YEAR = /\b(1[89]\d\d|20\d\d)\b/g;

/**
 * The year a claim's question is about: its `when`, else the earliest year its question names,
 * else the article's year.
 */
export function claimYear(
  when: number | undefined,
  question: Bilingual,
  articleDate: string | undefined,
): number | undefined {
  if (when !== undefined) return when;
  const named = [...`${question.de} ${question.en}`.matchAll(YEAR)].map((m) => Number(m[0]));
  if (named.length > 0) return Math.min(...named);
  return articleDate ? Number(articleDate.slice(0, 4)) : undefined;
}

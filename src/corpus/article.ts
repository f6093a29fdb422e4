import { z } from "zod";
import type { CorpusProblem } from "./problems.ts";
import { parseLocatedYaml } from "./yaml-positions.ts";

const ARTICLE_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

const isCalendarDate = (value: string) => {
  const [y, m, d] = value.split("-").map(Number);
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const date = new Date(Date.UTC(y ?? 0, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** Front matter: only what the article itself states; `language` is the one required field. */
const FrontMatterSchema = z.strictObject({
  title: z.string().trim().min(1).max(300).optional(),
  publication: z.string().trim().min(1).max(200).optional(),
  author: z.string().trim().min(1).max(200).optional(),
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "date must be YYYY, YYYY-MM or YYYY-MM-DD (in quotes)")
    .refine(isCalendarDate, "date is not a calendar date")
    .optional(),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "language must be a code such as de or en"),
  url: z.url({ protocol: /^https?$/ }).optional(),
});

export type FrontMatter = z.infer<typeof FrontMatterSchema>;

export interface ParsedArticle {
  readonly id: string;
  readonly file: string;
  readonly meta: FrontMatter;
  /** The text after the front matter; passage offsets point into it. */
  readonly body: string;
}

const FENCE = /^---[ \t]*$/;

/**
 * Reads one article file (`---` YAML front matter `---`, then the body). Returns the article or
 * every problem found in it, each with its line.
 */
export function parseArticle(
  file: string,
  id: string,
  source: string,
): { article?: ParsedArticle; problems: CorpusProblem[] } {
  const problems: CorpusProblem[] = [];
  const fail = (line: number, message: string) => {
    problems.push({ file, line, message });
    return { problems };
  };
  if (!ARTICLE_ID.test(id)) {
    return fail(1, `article id "${id}" must be lower-case letters, digits and hyphens (file name)`);
  }
  if (source.includes("\u0000") || source.includes("\uFFFD")) {
    return fail(1, "file is not UTF-8 text");
  }
  const lines = source
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  if (!FENCE.test(lines[0] ?? ""))
    return fail(1, "missing front matter: the file must start with ---");
  const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (close < 0) return fail(1, "front matter is not closed by a --- line");

  const yaml = parseLocatedYaml(lines.slice(1, close).join("\n"), 1);
  for (const e of yaml.errors)
    problems.push({ file, line: e.line, message: `front matter: ${e.message}` });
  if (yaml.errors.length > 0) return { problems };

  const parsed = FrontMatterSchema.safeParse(yaml.value ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
      const where = keys.length > 0 ? [keys[0] as string] : issue.path;
      const field = where.length > 0 ? `${where.join(".")}: ` : "";
      problems.push({
        file,
        line: yaml.lineOf(where),
        message: `front matter: ${field}${issue.message}`,
      });
    }
  }

  let bodyStartLine = close + 1;
  while (bodyStartLine < lines.length && (lines[bodyStartLine] ?? "").trim() === "")
    bodyStartLine++;
  const body = lines.slice(bodyStartLine).join("\n").replace(/\s+$/, "");
  if (body.trim().length === 0)
    problems.push({ file, line: close + 1, message: "article body is empty" });

  if (problems.length > 0 || !parsed.success) return { problems };
  return {
    article: { id, file, meta: parsed.data, body },
    problems,
  };
}

import { isMap, parseDocument, stringify } from "yaml";
import { tooDeepLine } from "../corpus/yaml-positions.ts";
import { slugify } from "./ids.ts";

/** An uploaded article file, before it is checked as a corpus article. */
export interface UploadedText {
  readonly filename: string;
  readonly text: string;
}

const FENCE = /^---[ \t]*\r?$/;
const GERMAN = new Set(
  "der die das und ist nicht mit sich auf für den dem ein eine wird".split(" "),
);
const ENGLISH = new Set("the and is of to with that for not are was it this".split(" "));

/** The article's language when its file does not say: German or English, by common words. */
function guessLanguage(text: string): "de" | "en" {
  let german = 0;
  let english = 0;
  for (const word of text
    .slice(0, 20_000)
    .toLowerCase()
    .split(/[^\p{L}]+/u)) {
    if (GERMAN.has(word)) german++;
    if (ENGLISH.has(word)) english++;
  }
  return english > german ? "en" : "de";
}

/** Splits a file into its front matter (YAML text, if any) and its body. */
function splitFrontMatter(text: string): { front: string | undefined; body: string } {
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  if (!FENCE.test(lines[0] ?? "")) return { front: undefined, body: lines.join("\n") };
  const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (close < 0) return { front: undefined, body: lines.join("\n") };
  return { front: lines.slice(1, close).join("\n"), body: lines.slice(close + 1).join("\n") };
}

/** The title an upload states in its front matter, if it does. */
export function statedTitle(upload: UploadedText): string | undefined {
  const { front } = splitFrontMatter(upload.text);
  if (front === undefined || tooDeepLine(front) !== undefined) return undefined;
  const title = parseDocument(front).get("title");
  return typeof title === "string" && title.trim() !== "" ? title.trim() : undefined;
}

/** A title to offer when the file states none: its first Markdown heading, else its file name. */
export function suggestedTitle(upload: UploadedText): string {
  const heading = /^#{1,3}\s+(.+)$/m.exec(splitFrontMatter(upload.text).body)?.[1]?.trim();
  const fromName = upload.filename
    .replace(/\.(md|txt)$/i, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return (heading || fromName || "Artikel").slice(0, 300);
}

/** The slug a server knows an upload by: from its file name, else its title. */
export function uploadSlug(upload: UploadedText, title: string | undefined): string {
  return slugify(upload.filename.replace(/\.(md|txt)$/i, "")) || slugify(title ?? "") || "artikel";
}

/**
 * The upload as a corpus article file: its own front matter with `title` (and, when missing,
 * `language`) filled in, or front matter written for a plain text. Checking it is the corpus
 * loader's job.
 */
export function asCorpusSource(upload: UploadedText, title: string | undefined): string {
  const { front, body } = splitFrontMatter(upload.text.replace(/\r\n?/g, "\n"));
  if (front === undefined) {
    const meta = { ...(title ? { title } : {}), language: guessLanguage(body) };
    return `---\n${stringify(meta)}---\n\n${body.trim()}\n`;
  }
  // Front matter nested too deep (which the YAML writer below would expand quadratically), not a
  // mapping, or not YAML is the corpus loader's to report, with its line.
  if (tooDeepLine(front) !== undefined) return upload.text;
  const doc = parseDocument(front);
  if (doc.errors.length > 0 || (doc.contents && !isMap(doc.contents))) return upload.text;
  if (!doc.contents) {
    const meta = { ...(title ? { title } : {}), language: guessLanguage(body) };
    return `---\n${stringify(meta)}---\n\n${body.trim()}\n`;
  }
  if (title && !doc.has("title")) doc.set("title", title);
  if (!doc.has("language")) doc.set("language", guessLanguage(body));
  return `---\n${doc.toString()}---\n\n${body.trim()}\n`;
}

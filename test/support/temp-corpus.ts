import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_CORPUS = fileURLToPath(new URL("../../corpus", import.meta.url));

export function article(body: string, frontMatter = "language: de"): string {
  return `---\n${frontMatter}\n---\n\n${body}\n`;
}

/** A corpus folder of its own: a copy of the real one, or just the given articles. */
export function tempCorpus(files: Record<string, string> = {}, copyRepoCorpus = false) {
  const dir = mkdtempSync(join(tmpdir(), "beleg-corpus-"));
  if (copyRepoCorpus) cpSync(REPO_CORPUS, dir, { recursive: true });
  mkdirSync(join(dir, "articles"), { recursive: true });
  const write = (name: string, content: string | Buffer) =>
    writeFileSync(join(dir, "articles", name), content);
  for (const [name, content] of Object.entries(files)) write(name, content);
  return { dir, write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

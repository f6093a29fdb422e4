import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { article, tempCorpus } from "../support/temp-corpus.ts";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function cli(args: string[], corpusDir: string, input?: string) {
  const env = {
    ...process.env,
    DATABASE_PATH: `${corpusDir}/beleg.sqlite`,
    PICTURES_DIR: `${corpusDir}/pictures`,
    LOG_LEVEL: "silent",
  };
  const child = run(TSX, ["src/cli.ts", ...args, "--corpus", corpusDir], { cwd: ROOT, env });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run cli", () => {
  it("check reports each problem as file:line: message and exits 1", async () => {
    const corpus = tempCorpus({
      "gut.md": article("Ein Absatz."),
      "kaputt.md": '---\nlanguage: de\ndate: "2025-02-30"\n---\n\nText.',
    });
    cleanups.push(corpus.cleanup);
    const { code, stdout } = await cli(["check"], corpus.dir);
    expect(code).toBe(1);
    expect(stdout.trim()).toMatch(/kaputt\.md:3: front matter: date: date is not a calendar date$/);
  });

  it("cite --jsonl answers one JSON object per query line", async () => {
    const corpus = tempCorpus({
      "eins.md": article(
        "Die Plätze in der ersten Reihe waren reserviert.\n\nAnderer Absatz über Satelliten.",
      ),
    });
    cleanups.push(corpus.cleanup);
    const { code, stdout } = await cli(
      ["cite", "--jsonl", "--limit", "1"],
      corpus.dir,
      'Plaetze\nNEAR("x"\n',
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      query: "Plaetze",
      verdict: "backs",
      results: [
        {
          article: "eins",
          paragraph: 1,
          passage: "eins#1",
          start: 0,
          end: 48,
          verdict: "backs",
          missing: [],
          differences: [],
        },
      ],
    });
    expect(lines[0].results[0].text.slice(...lines[0].results[0].highlights[0])).toBe("Plätze");
    expect(lines[1]).toEqual({ query: 'NEAR("x"', verdict: "none", results: [] });
  });
});

describe("npm run cli -- quiz", () => {
  it("--json prints the questions with options, the right one and the citation", async () => {
    const corpus = tempCorpus({}, true);
    cleanups.push(corpus.cleanup);
    const { code, stdout } = await cli(
      ["quiz", "--json", "--count", "40", "--seed", "1"],
      corpus.dir,
    );
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.questions).toHaveLength(40);
    for (const q of out.questions) {
      expect(q.answer).toBe(q.options[q.correct]);
      expect(q.citation.passage).toMatch(/^[a-z0-9-]+#\d+$/);
      expect(q.citation.quote.length).toBeGreaterThan(10);
    }
  });

  it("plays a round from the keyboard and shows the evidence", async () => {
    const corpus = tempCorpus({}, true);
    cleanups.push(corpus.cleanup);
    const { code, stdout } = await cli(
      ["quiz", "--count", "2", "--seed", "5", "--kind", "tf", "--lang", "en"],
      corpus.dir,
      "x\nT\nF\n",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("Question 1/2 · True or false?");
    expect(stdout).toContain("Question 2/2");
    expect(stdout.match(/Evidence: »/g)).toHaveLength(2);
    expect(stdout).toMatch(/Final standings\*\*\n┃ 🥇 .+ — \*\*\d+\*\* points \(\d\/2\)/);
    // The standings picture goes to PICTURES_DIR, under the name printed.
    const saved = /Picture saved: (\S+)/.exec(stdout)?.[1];
    expect(saved?.startsWith(`${corpus.dir}/pictures/standings-`)).toBe(true);
    expect(readdirSync(`${corpus.dir}/pictures`)).toHaveLength(1);
  });
});

describe("npm run cli -- backup and ingest --rebuild", () => {
  it("copies the database while it is in use, and rebuilds the index from the corpus", async () => {
    const corpus = tempCorpus({ "eins.md": article("Ein Absatz über Satelliten.") });
    cleanups.push(corpus.cleanup);
    expect((await cli(["ingest"], corpus.dir)).code).toBe(0);
    const target = `${corpus.dir}/backup.sqlite`;
    const backup = await cli(["backup", target], corpus.dir);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Backed up .* to .*backup\.sqlite/);
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare("SELECT id FROM passages").pluck().all()).toEqual(["eins#1"]);
    copy.close();
    const rebuilt = await cli(["ingest", "--rebuild"], corpus.dir);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(
      /^1 added, 0 updated, 0 removed, 0 unchanged; 1 passages written/,
    );
    // A sound file is rebuilt in place: no copy of it is set aside as damaged.
    expect(readdirSync(corpus.dir).filter((f) => f.includes(".damaged-"))).toEqual([]);
  });
});

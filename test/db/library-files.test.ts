import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { packBundle, unpackBundle } from "../../src/library/bundle.ts";
import { exportLibrary, importLibrary } from "../../src/library/transfer.ts";
import { indexedTempApp, libraryDeps, type TempApp } from "../support/temp-app.ts";
import { buildZip } from "../support/zip-bytes.ts";

let t: TempApp;
const now = 1_800_000_000_000;
beforeEach(async () => {
  t = await indexedTempApp({ clock: () => now });
});
afterEach(() => t.cleanup());

const G1 = "200000000000000001";
const G2 = "200000000000000002";
const mod = { id: "m1", name: "Mira" };
const SHARED = "technofeudalismus";
const ownSource = [
  "---",
  "title: Eigene Notizen",
  "language: de",
  "---",
  "",
  "Die Genossenschaft Lunaris betreibt seit 2031 eine Werkstatt auf dem Mond.",
].join("\n");
const ownClaim = {
  id: "lunaris-werkstatt",
  quote: "Die Genossenschaft Lunaris betreibt seit 2031 eine Werkstatt auf dem Mond.",
  question: { de: "Welche Genossenschaft betreibt eine Werkstatt auf dem Mond?" },
  answer: ["Lunaris"],
  type: "organisation",
};
const sharedClaims = `- id: musil-roman-jahr
  quote: "In Robert Musils »Der Mann ohne Eigenschaften« (1930), der am Vorabend des Ersten Weltkriegs in Wien spielt"
  question:
    de: In welchem Jahr erschien Musils Roman »Der Mann ohne Eigenschaften«?
  answer: ["1930"]
  type: date
`;

/** An own article stored under a shared id, as servers could before such ids were refused. */
async function storeCollidingArticle() {
  const { libraryStore: store, libraryIndex: index } = t.app;
  await store.importLibrary({
    guildId: G1,
    actor: mod,
    at: now,
    expected: await store.version(G1),
    articles: [{ slug: SHARED, source: ownSource }],
    claims: [{ slug: ownClaim.id, articleId: `g${G1}-${SHARED}`, claim: ownClaim }],
    limits: { articles: 30, claims: 500 },
    subject: "stored before shared ids were refused",
  });
  await index.sync(G1);
}

describe("an own article named like a shared one", () => {
  it("is refused when added or imported, naming the file", async () => {
    const added = await t.app.library.add(
      G1,
      mod,
      { filename: `${SHARED}.md`, text: ownSource },
      "Eigene Notizen",
    );
    expect(added).toEqual({
      kind: "invalid",
      problems: [
        `${SHARED}.md:1: "${SHARED}" is the id of an article of the shared corpus; give the file another name`,
      ],
    });
    const zip = packBundle([{ path: `articles/${SHARED}.md`, text: ownSource }]);
    const imported = await importLibrary(libraryDeps(t.app), G1, mod, zip);
    expect(imported).toMatchObject({ kind: "invalid" });
    expect(JSON.stringify(imported)).toContain(`articles/${SHARED}.md:1:`);
    expect((await t.app.library.list(G1)).articles).toEqual([]);
  });

  it("stored earlier: export keeps both claim files under names another server imports, remove takes the own one first", async () => {
    await storeCollidingArticle();
    const shared = await t.app.proposals.importFile(
      G1,
      mod,
      { filename: `${SHARED}.yaml`, text: sharedClaims },
      SHARED,
    );
    expect(shared).toMatchObject({ kind: "imported", added: 1 });

    const exported = await exportLibrary(libraryDeps(t.app), G1);
    if (exported.kind !== "exported") throw new Error(exported.kind);
    expect(exported).toMatchObject({ articles: 1, claims: 2 });
    const unpacked = await unpackBundle(exported.data, {
      maxFiles: 100,
      maxFileBytes: 300_000,
      maxTotalBytes: 12_000_000,
    });
    expect(unpacked.ok && unpacked.files.map((f) => f.path)).toEqual([
      `articles/${SHARED}-own.md`,
      `claims/${SHARED}-own.yaml`,
      `claims/${SHARED}.yaml`,
    ]);
    expect(await importLibrary(libraryDeps(t.app), G2, mod, exported.data)).toEqual({
      kind: "imported",
      articles: 1,
      claims: 2,
    });
    expect((await t.app.library.list(G2)).articles.map((a) => a.slug)).toEqual([`${SHARED}-own`]);

    expect(await t.app.library.remove(G1, mod, SHARED)).toMatchObject({
      kind: "removed",
      claims: 1,
    });
    expect(await t.app.library.list(G1)).toMatchObject({ articles: [], hidden: [] });
    expect(await t.app.library.remove(G1, mod, SHARED)).toMatchObject({ kind: "hidden" });
  });
});

describe("a zip imported into a server", () => {
  it("is refused naming the entry that lies about its size, and nothing is stored", async () => {
    const zip = buildZip([
      {
        name: "articles/mondbasis.md",
        data: new TextEncoder().encode(ownSource.repeat(3_000)),
        deflate: true,
        declaredSize: 976,
      },
    ]);
    expect(await importLibrary(libraryDeps(t.app), G1, mod, zip)).toEqual({
      kind: "bad-zip",
      problems: [{ kind: "size-mismatch", entry: "articles/mondbasis.md", declared: 976 }],
    });
    expect((await t.app.library.list(G1)).articles).toEqual([]);
  });
});

describe("YAML that the parser refuses", () => {
  const bomb = (indent: string) =>
    [
      `${indent}a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`,
      `${indent}b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]`,
      `${indent}c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]`,
      `${indent}d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]`,
    ].join("\n");

  it("an alias bomb in front matter is a problem at its line", async () => {
    const text = `---\ntitle: Bombe\nlanguage: de\n${bomb("")}\n---\n\nText.`;
    expect(await t.app.library.add(G1, mod, { filename: "bombe.md", text })).toEqual({
      kind: "invalid",
      problems: [
        "bombe.md:5: front matter: aliases: Excessive alias count indicates a resource exhaustion attack",
      ],
    });
  });

  it.each([
    ["a flow sequence", `x: ${"[".repeat(5000)}${"]".repeat(5000)}`],
    ["a flow mapping", `x: ${"{a: ".repeat(5000)}1${"}".repeat(5000)}`],
    ["an unclosed sequence", `x: ${"[".repeat(8000)}`],
  ])(
    "front matter nested 5,000 deep (%s) is a problem at its line, not a crash",
    async (_kind, fm) => {
      const text = `---\n${fm}\ntitle: Tief\nlanguage: de\n---\n\nText.`;
      expect(await t.app.library.add(G1, mod, { filename: "tief.md", text })).toEqual({
        kind: "invalid",
        problems: ["tief.md:2: front matter: collections nested more than 64 levels deep"],
      });
    },
  );

  it("a claims file nested 5,000 deep is a problem at its line", async () => {
    const text = `- id: tief\n  quote: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
    expect(
      await t.app.proposals.importFile(G1, mod, { filename: "tief.yaml", text }, SHARED),
    ).toEqual({
      kind: "invalid",
      problems: ["tief.yaml:2: collections nested more than 64 levels deep"],
    });
  });

  it("an alias bomb in a claims file is a problem at its line", async () => {
    const text = `- id: bombe\n  quote: x\n${bomb("  ")}\n`;
    expect(
      await t.app.proposals.importFile(G1, mod, { filename: "bombe.yaml", text }, SHARED),
    ).toEqual({
      kind: "invalid",
      problems: [
        "bombe.yaml:4: aliases: Excessive alias count indicates a resource exhaustion attack",
      ],
    });
  });

  it("front matter that is not a mapping is a problem, not a failure", async () => {
    const text = "---\njust text\n---\n\nText.";
    const added = await t.app.library.add(G1, mod, { filename: "text.md", text }, "Titel");
    expect(added).toMatchObject({ kind: "invalid" });
    expect(JSON.stringify(added)).toMatch(/text\.md:\d+: front matter/);
  });
});

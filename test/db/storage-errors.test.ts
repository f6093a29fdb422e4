import { renameSync, rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { WriteFailedError } from "../../src/db/write-failure.ts";
import { texts } from "../../src/interactions/i18n.ts";
import { storageFailureText } from "../../src/interactions/not-stored.ts";
import { refusalView } from "../../src/interactions/views/library.ts";
import { createLogger } from "../../src/logger.ts";
import { indexedTempApp, migratedTempApp, type TempApp } from "../support/temp-app.ts";

const G1 = "200000000000000001";
const mod = { id: "m1", name: "Mira" };
const upload = {
  filename: "mondbasis.md",
  text: `---\ntitle: Die Mondbasis\nlanguage: de\n---\n\n${Array.from(
    { length: 200 },
    (_, i) => `Gebaut wird die Station ${i} von der Firma Regolith Works aus Bremen.`,
  ).join("\n\n")}`,
};

let t: TempApp | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

/** A temp app whose log lines are kept. */
async function loggedApp() {
  const lines: { msg: string; reason?: string }[] = [];
  const logger = createLogger("info", { destination: { write: (l) => lines.push(JSON.parse(l)) } });
  t = await migratedTempApp({ logger });
  return { app: t.app, path: t.path, lines };
}

describe("storage failures told as what they are", () => {
  it("a full disk is logged and told as full, not as a busy database", async () => {
    const { app, lines } = await loggedApp();
    const pages = app.db.$client.pragma("page_count", { simple: true }) as number;
    await app.writes.run((tx) => tx.$client.pragma(`max_page_count = ${pages}`));
    const outcome = await app.library.add(G1, mod, upload);
    expect(outcome).toEqual({ kind: "not-stored", reason: "full" });
    expect(lines).toContainEqual(expect.objectContaining({ reason: "full" }));
    const de = refusalView(outcome as never, "de").content ?? "";
    expect(de).toContain("Speicherplatz");
    expect(de).not.toContain("belegt");
    expect(refusalView(outcome as never, "en").content).toContain("full");
  });

  it("a round started on a full disk is refused as full, not as a busy database", async () => {
    t = await indexedTempApp();
    const { app } = t;
    // The index's pages have room left in them: the writer's file is filled to its new limit so
    // the round's rows need a page it may not have (max_page_count is the connection's own).
    await app.writes.run((tx) => {
      const sqlite = tx.$client;
      sqlite.exec("CREATE TABLE filler (b BLOB)");
      sqlite.pragma(`max_page_count = ${sqlite.pragma("page_count", { simple: true }) as number}`);
    });
    for (let stored = true; stored; )
      stored = await app.writes
        .run((tx) => tx.$client.prepare("INSERT INTO filler VALUES (randomblob(2000))").run())
        .then(() => true)
        .catch(() => false);
    const started = await app.quiz.start({
      guildId: G1,
      channelId: "c1",
      starterId: "starter",
      count: 20,
      seed: 42,
      kind: "mc",
      lang: "de",
      seconds: 20,
    });
    expect(started).toEqual({ ok: false, reason: "full" });
  });

  it("a database file moved away makes /library add name the restart, and is logged", async () => {
    const { app, path, lines } = await loggedApp();
    renameSync(path, `${path}.moved`);
    const outcome = await app.library.add(G1, mod, upload);
    expect(outcome).toEqual({ kind: "not-stored", reason: "gone" });
    expect(lines).toContainEqual(expect.objectContaining({ reason: "gone" }));
    expect(refusalView(outcome as never, "de").content).toContain("neu starten");
    expect(refusalView(outcome as never, "en").content).toContain("restart");
  });

  it("a database file deleted under the process makes /library add name the restart", async () => {
    const { app, path, lines } = await loggedApp();
    rmSync(path);
    expect(await app.library.add(G1, mod, upload)).toEqual({ kind: "not-stored", reason: "gone" });
    expect(lines).toContainEqual(expect.objectContaining({ reason: "gone" }));
  });

  it("a write failure reaching the error boundary is told by its reason", () => {
    const de = texts("de");
    expect(storageFailureText(de, new WriteFailedError("full"))).toBe(de.storageFull);
    expect(storageFailureText(de, new WriteFailedError("gone"))).toBe(de.unavailable);
    expect(storageFailureText(de, new WriteFailedError("timeout"))).toBe(de.notStored);
    expect(storageFailureText(de, new Error("a bug"))).toBeUndefined();
  });
});

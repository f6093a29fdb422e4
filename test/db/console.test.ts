import { afterEach, describe, expect, it } from "vitest";
import { parseConsoleCommand } from "../../src/console/parse.ts";
import { consoleHarness } from "../support/console-harness.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
const harness = async () => {
  const h = await consoleHarness();
  cleanups.push(h.cleanup);
  return h;
};

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe("parseConsoleCommand", () => {
  it("reads names, subcommands, named options and plain words", () => {
    const cite = parseConsoleCommand("/zitat erste Reihe results:2");
    expect(typeof cite !== "string" && [cite.command.data.name, cite.options]).toEqual([
      "cite",
      { results: 2, query: "erste Reihe" },
    ]);
    const quiz = parseConsoleCommand("/quiz start questions:3 kind:mc");
    expect(typeof quiz !== "string" && [quiz.subcommand, quiz.options]).toEqual([
      "start",
      { questions: 3, kind: "mc" },
    ]);
    const source = parseConsoleCommand("/source bezos-statt-musk 5");
    expect(typeof source !== "string" && source.options).toEqual({
      article: "bezos-statt-musk",
      paragraph: 5,
    });
    expect(parseConsoleCommand("/tanz")).toBe("Unknown command /tanz.");
  });

  it("keeps a number typed into a text option as text", () => {
    for (const line of ["/cite 2025", "/cite query:2025"]) {
      const cite = parseConsoleCommand(line);
      expect(typeof cite !== "string" && cite.options).toEqual({ query: "2025" });
    }
  });
});

describe("the local console", () => {
  it("cites with bold matches, pages with a key, and shows a paragraph", async () => {
    const h = await harness();
    await h.type("/cite erste Reihe Amtseinführung");
    expect(h.printed()).toContain("**ersten Reihe**");
    expect(h.printed()).toContain("technofeudalismus#2");
    expect(h.printed()).toMatch(/\[1\] Weiter/);
    h.clear();
    await h.type("1");
    expect(h.printed()).toContain("Treffer 2 von 3");
    h.clear();
    await h.type("/source bezos-statt-musk 5");
    expect(h.printed()).toContain("Golden Dome");
  });

  it("plays a quiz round: question, answer by letter, reveal with evidence, standings", async () => {
    const h = await harness();
    await h.type("/quiz start questions:1 seconds:10 kind:mc");
    await until(() => h.printed().includes("[A]"));
    expect(h.printed()).toContain("Frage 1/1");
    await h.type("A");
    expect(h.printed()).toContain("Deine Antwort ist gespeichert.");
    // Its only player has answered: the question closes without waiting for its time.
    await until(() => h.printed().includes("Endstand"));
    await h.type("A");
    expect(h.printed()).toContain("Zu spät: Diese Frage ist geschlossen.");
    expect(h.printed()).toContain("Beleg:");
    expect(h.printed()).toMatch(/Anna — \*\*\d+\*\* Punkte \(\d\/1\)/);
  });
});

describe("typed answers and reports in the console", () => {
  it("asks for the answer after its key, closes at once for its one player, and takes a report", async () => {
    const h = await harness();
    await h.type("/quiz start questions:1 seconds:60 kind:typed");
    await until(() => h.printed().includes("[A] ✎ Antwort eingeben"));
    await h.type("A");
    expect(h.printed()).toContain("› Deine Antwort — Antwort");
    await h.type("\u001b[2JBratwurst");
    expect(h.printed()).toContain("Deine Antwort „[2JBratwurst“ ist gespeichert.");
    expect(h.printed()).not.toContain("\u001b[2J");
    await until(() => h.printed().includes("Endstand"));
    expect(h.printed()).toContain("richtig: 0 · falsch: 1");
    expect(h.printed()).toContain("Richtig lagen: niemand");
    expect(h.printed()).toMatch(/\[1\] Frage melden/);
    h.clear();
    await h.type("1");
    expect(h.printed()).toContain("› Frage melden — Was ist an dieser Frage falsch?");
    await h.type("Die Antwort ist zu eng gefasst");
    expect(h.printed()).toContain("Danke, deine Meldung ist gespeichert.");
    h.clear();
    await h.type("/quiz reports");
    expect(h.printed()).toContain("Gemeldete Fragen (1)");
    expect(h.printed()).toContain("Die Antwort ist zu eng gefasst");
  });

  it("takes a typed answer straight after its question, and says that keys need Enter", async () => {
    const h = await harness();
    await h.type("/quiz start questions:1 seconds:60 kind:typed");
    await until(() => h.printed().includes("[A] ✎ Antwort eingeben"));
    expect(h.printed()).toContain("Tippe deine Antwort und drücke Enter.");
    await h.type("Bratwurst");
    expect(h.printed()).toContain("Deine Antwort „Bratwurst“ ist gespeichert.");
    expect(h.printed()).not.toContain("ist kein Befehl");
    await until(() => h.printed().includes("Endstand"));
    h.clear();
    await h.type("/quiz start questions:1 seconds:60 kind:mc");
    await until(() => h.printed().includes("[A]"));
    expect(h.printed()).toContain("Tippe die Taste deiner Antwort und drücke Enter.");
  });

  it("says when a round finds fewer questions than asked", async () => {
    const h = await harness();
    await h.type("/quiz start questions:20 seconds:60 kind:mc topic:Raumfahrt");
    await until(() => h.printed().includes("[A]"));
    expect(h.printed()).toMatch(/Nur \d+ Fragen zu diesem Thema \(20 gewünscht\)\./);
    await h.type("/quiz stop");
  });

  it("leaves a form unsent when a command is typed instead", async () => {
    const h = await harness();
    await h.type("/quiz start questions:1 seconds:60 kind:typed");
    await until(() => h.printed().includes("[A]"));
    await h.type("A");
    await h.type("/quiz stop");
    expect(h.printed()).toContain("Die Runde wurde beendet.");
    expect(h.printed()).not.toContain("ist gespeichert");
  });
});

describe("the local console, used as people use it", () => {
  it("takes several words for a named option, keeps the answer keys during a /cite, and says how to search", async () => {
    const cite = parseConsoleCommand("/cite query:Golden Dome results:5");
    expect(typeof cite !== "string" && cite.options).toEqual({ query: "Golden Dome", results: 5 });
    const h = await harness();
    await h.type("/quiz start questions:1 seconds:60 kind:mc");
    await until(() => h.printed().includes("[A]"));
    await h.type("/cite Musk Trump Tesla");
    expect(h.printed()).toMatch(/\[1\] Weiter/);
    h.clear();
    await h.type("A");
    expect(h.printed()).toContain("Deine Antwort ist gespeichert.");
    h.clear();
    await h.type("Golden Dome");
    expect(h.printed()).toContain("ist kein Befehl und keine Taste. Zum Suchen: /cite Golden Dome");
  });

  it("leaves an optional form field empty on an empty line, sends a proposal and reviews it", async () => {
    const h = await harness();
    await h.type("/cite Golden Dome");
    await h.type("2");
    await h.type("4");
    for (const line of [
      "Der geplante Raketenschutzschild für die USA soll 175 Milliarden Dollar kosten",
      "Wie viel soll der Raketenschutzschild Golden Dome kosten?",
      "",
      "175 Milliarden Dollar",
      "100 Milliarden Dollar",
    ])
      await h.type(line);
    await until(() => h.printed().includes("wartet auf die Prüfung"));
    // The console's user runs the bot: they review what was proposed here.
    await h.type("/library review");
    await until(() => h.printed().includes("[1] Freigeben"));
    await h.type("1");
    await until(() => h.printed().includes("ist freigegeben und wird ab sofort"));
  });
});

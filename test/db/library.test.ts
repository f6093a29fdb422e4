import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { exportLibrary, importLibrary } from "../../src/library/transfer.ts";
import { indexedTempApp, libraryDeps, reopenApp, type TempApp } from "../support/temp-app.ts";

let t: TempApp;
let now: number;
const clock = () => now;
beforeEach(async () => {
  now = 1_800_000_000_000;
  t = await indexedTempApp({ clock });
});
afterEach(() => t.cleanup());

const G1 = "200000000000000001";
const G2 = "200000000000000002";
const mod = { id: "m1", name: "Mira" };
const member = { id: "u1", name: "Uwe" };
const article = {
  filename: "mondbasis.md",
  text: [
    "# Die Mondbasis",
    "",
    "Die Raumfahrtagentur Selenia plant eine Forschungsstation am Südpol des Mondes.",
    "",
    "Gebaut wird die Station von der Firma Regolith Works aus Bremen. Die Kosten liegen bei 12 Milliarden Euro.",
  ].join("\n"),
};
const ownId = `g${G1}-mondbasis`;
const proposal = {
  articleId: "mondbasis",
  quote: "Gebaut wird die Station von der Firma Regolith Works aus Bremen.",
  questionDe: "Welche Firma baut die Forschungsstation am Südpol des Mondes?",
  questionEn: "Which company builds the research station at the Moon's south pole?",
  answers: "Regolith Works\nRegolith",
  distractors: "Lunar Forge\nCrater Systems\nApollo Bau",
  type: "organisation" as const,
};
const ids = (q: string, guildId?: string | null) =>
  t.app.search.search(q, { limit: 5, guildId: guildId ?? null }).map((r) => r.articleId);

describe("a server's library", () => {
  it("asks for a title when the file states none, then makes the article citable in that server only", async () => {
    expect(await t.app.library.add(G1, mod, article)).toEqual({
      kind: "needs-title",
      suggestion: "Die Mondbasis",
    });
    const added = await t.app.library.add(G1, mod, article, "Die Mondbasis");
    expect(added).toMatchObject({ kind: "added", slug: "mondbasis", title: "Die Mondbasis" });
    expect(ids("Regolith Works Bremen", G1)[0]).toBe(ownId);
    expect(ids("Regolith Works Bremen", G2)).not.toContain(ownId);
    expect(ids("Regolith Works Bremen")).not.toContain(ownId);
    expect(t.app.corpus.articles(G1).map((a) => a.id)).toContain(ownId);
    expect(t.app.corpus.articles(G2).map((a) => a.id)).not.toContain(ownId);
    expect(t.app.corpus.article("mondbasis", G1)?.article.id).toBe(ownId);
    expect(t.app.corpus.article("mondbasis", G2)).toBeUndefined();
    const listed = await t.app.library.list(G1);
    expect(listed.articles).toMatchObject([{ slug: "mondbasis", addedByName: "Mira" }]);
    expect(listed.events[0]).toMatchObject({ action: "add", userName: "Mira" });
  });

  it("refuses a bad file with its problems and changes nothing", async () => {
    const bad = { filename: "kaputt.md", text: "---\ntitle: [unclosed\n---\n\nText." };
    const refused = await t.app.library.add(G1, mod, bad);
    expect(refused.kind).toBe("invalid");
    expect((await t.app.library.list(G1)).articles).toEqual([]);
    const empty = await t.app.library.add(G1, mod, { filename: "leer.txt", text: "  " }, "Leer");
    expect(empty).toMatchObject({ kind: "invalid" });
    expect(JSON.stringify(empty)).toContain("empty");
  });

  it("reviews a member's due claims that the server sees, however many others are due first", async () => {
    const hidden = "bezos-statt-musk";
    await t.app.library.remove(G1, mod, hidden);
    const claimOf = t.db.$client.prepare("SELECT id FROM claims WHERE article_id = ?").pluck();
    const missed = [...(claimOf.all(hidden) as string[]).slice(0, 5)];
    const seen = claimOf.get("buddy-economy") as string;
    await t.app.writes.run((tx) => {
      const insert = tx.$client.prepare(
        `INSERT INTO review_cards (user_id, claim_id, due, stability, difficulty, elapsed_days,
           scheduled_days, learning_steps, reps, lapses, misses, state, last_review)
         VALUES (?, ?, ?, 1, 5, 0, 0, 0, 1, 1, 1, 1, NULL)`,
      );
      for (const [i, claimId] of missed.entries()) insert.run(member.id, claimId, now - 10_000 + i);
      insert.run(member.id, seen, now - 1);
    });
    const inG1 = await t.app.reviews.dueQuestions(member.id, "de", 3, G1);
    expect(inG1.map((q) => q.claimId)).toEqual([seen]);
    const inG2 = (await t.app.reviews.dueQuestions(member.id, "de", 3, G2)).map((q) => q.claimId);
    expect(inG2.length).toBeGreaterThan(0);
    expect(inG2.every((id) => missed.slice(0, 3).includes(id))).toBe(true);
  });

  it("hides a shared article from one server, and shows it again", async () => {
    const shared = ids("Golden Dome", G1)[0] as string;
    expect(await t.app.library.remove(G1, mod, shared)).toMatchObject({ kind: "hidden" });
    expect(ids("Golden Dome", G1)).not.toContain(shared);
    expect(ids("Golden Dome", G2)[0]).toBe(shared);
    expect(t.app.corpus.articles(G1).map((a) => a.id)).not.toContain(shared);
    const questions = t.app.quiz.generate({ count: 50, seed: 1, kind: "mc", lang: "de" }, G1);
    expect(questions.length).toBeGreaterThan(0);
    expect(questions.every((q) => !q.citation.passageId.startsWith(`${shared}#`))).toBe(true);
    expect(await t.app.library.show(G1, mod, shared)).toMatchObject({ kind: "shown" });
    expect(ids("Golden Dome", G1)[0]).toBe(shared);
  });

  it("keeps a proposal for review, and an approved one is asked in that server's rounds only", async () => {
    await t.app.library.add(G1, mod, article, "Die Mondbasis");
    const wrong = await t.app.proposals.propose(G1, member, {
      ...proposal,
      answers: "Lunar Forge",
      distractors: "Regolith Works",
    });
    expect(wrong.kind).toBe("invalid");
    expect(JSON.stringify(wrong)).toContain("does not occur in the quote");
    const proposed = await t.app.proposals.propose(G1, member, proposal);
    expect(proposed).toEqual({ kind: "proposed", slug: "regolith-works" });
    const pending = await t.app.proposals.pending(G1);
    expect(pending).toHaveLength(1);
    const only = { count: 5, seed: 3, kind: "mc" as const, lang: "de" as const, article: ownId };
    expect(t.app.quiz.generate(only, G1)).toEqual([]);
    const approved = await t.app.proposals.review(G1, mod, pending[0]?.id as number, true);
    expect(approved).toEqual({ kind: "approved", slug: "regolith-works", placed: true });
    const asked = t.app.quiz.generate(only, G1);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.options).toContain("Regolith Works");
    expect(
      t.app.quiz.generate({ ...only, article: undefined, count: 200 }, G2).map((q) => q.claimId),
    ).not.toContain(`g${G1}-regolith-works`);
    const english = t.app.quiz.generate({ ...only, lang: "en" }, G1);
    expect(english[0]?.prompt).toBe(proposal.questionEn);
    const again = await t.app.proposals.review(G1, mod, pending[0]?.id as number, false);
    expect(again).toEqual({ kind: "unknown-proposal" });
  });

  it("limits proposals per member and hour", async () => {
    await t.app.library.add(G1, mod, article, "Die Mondbasis");
    for (let i = 0; i < 10; i++)
      expect((await t.app.proposals.propose(G1, member, proposal)).kind).toBe("proposed");
    expect(await t.app.proposals.propose(G1, member, proposal)).toEqual({
      kind: "too-often",
      limit: 10,
    });
    now += 61 * 60 * 1000;
    expect((await t.app.proposals.propose(G1, member, proposal)).kind).toBe("proposed");
  });

  it("imports a claims file with line numbers for its problems, all or nothing", async () => {
    await t.app.library.add(G1, mod, article, "Die Mondbasis");
    const good = {
      id: "kosten",
      quote: "Die Kosten liegen bei 12 Milliarden Euro.",
      question: { de: "Wie viel kostet die Forschungsstation am Südpol des Mondes?" },
      answer: ["12 Milliarden Euro"],
      type: "number",
      distractors: ["8 Milliarden Euro", "20 Milliarden Euro", "3 Milliarden Euro"],
    };
    const bad = { ...good, id: "falsch", answer: ["15 Milliarden Euro"] };
    const refused = await t.app.proposals.importFile(
      G1,
      mod,
      { filename: "mondbasis.yaml", text: stringify([good, bad]) },
      "mondbasis",
    );
    expect(refused.kind).toBe("invalid");
    expect(refused.kind === "invalid" && refused.problems).toEqual([
      'mondbasis.yaml:16: answer "15 Milliarden Euro" does not occur in the quote',
    ]);
    expect((await t.app.library.list(G1)).claims.approved).toBe(0);
    const importGood = () =>
      t.app.proposals.importFile(
        G1,
        mod,
        { filename: "mondbasis.yaml", text: stringify([good]) },
        "mondbasis",
      );
    expect(await importGood()).toEqual({ kind: "imported", added: 1, replaced: 0 });
    expect(await importGood()).toEqual({ kind: "imported", added: 0, replaced: 1 });
    expect((await t.app.library.list(G1)).claims.approved).toBe(1);
    const asked = t.app.quiz.generate(
      { count: 5, seed: 1, kind: "mc", lang: "de", article: ownId },
      G1,
    );
    expect(asked.map((q) => q.prompt)).toEqual([good.question.de]);
  });

  it("exports a server's library as a zip another server imports whole", async () => {
    await t.app.library.add(G1, mod, article, "Die Mondbasis");
    await t.app.proposals.propose(G1, member, proposal);
    await t.app.proposals.review(
      G1,
      mod,
      (await t.app.proposals.pending(G1))[0]?.id as number,
      true,
    );
    const exported = await exportLibrary(libraryDeps(t.app), G1);
    expect(exported).toMatchObject({ kind: "exported", articles: 1, claims: 1 });
    if (exported.kind !== "exported") return;
    const imported = await importLibrary(libraryDeps(t.app), G2, mod, exported.data);
    expect(imported).toEqual({ kind: "imported", articles: 1, claims: 1 });
    expect(ids("Regolith Works Bremen", G2)[0]).toBe(`g${G2}-mondbasis`);
    const asked = t.app.quiz.generate(
      { count: 5, seed: 1, kind: "mc", lang: "de", article: `g${G2}-mondbasis` },
      G2,
    );
    expect(asked.map((q) => q.prompt)).toEqual([proposal.questionDe]);
    const garbage = await importLibrary(libraryDeps(t.app), G2, mod, new Uint8Array([1, 2, 3]));
    expect(garbage).toEqual({ kind: "bad-zip", problems: [{ kind: "unreadable" }] });
  });

  it("removes an article with the claims that quote it, and survives a rebuilt index", async () => {
    await t.app.library.add(G1, mod, article, "Die Mondbasis");
    await t.app.proposals.propose(G1, member, proposal);
    await t.app.proposals.review(
      G1,
      mod,
      (await t.app.proposals.pending(G1))[0]?.id as number,
      true,
    );
    const reopened = await reopenApp(t.path, { clock, rebuild: true });
    try {
      expect(reopened.search.search("Regolith Works Bremen", { guildId: G1 })[0]?.articleId).toBe(
        ownId,
      );
      expect(
        reopened.quiz.generate({ count: 5, seed: 1, kind: "mc", lang: "de", article: ownId }, G1),
      ).toHaveLength(1);
      expect(await reopened.library.remove(G1, mod, "mondbasis")).toMatchObject({
        kind: "removed",
        claims: 1,
      });
      expect(
        reopened.search.search("Regolith Works Bremen", { guildId: G1 }).map((r) => r.articleId),
      ).not.toContain(ownId);
      expect((await reopened.library.list(G1)).events.map((e) => e.action)).toContain("remove");
    } finally {
      await reopened.close();
    }
  });
});

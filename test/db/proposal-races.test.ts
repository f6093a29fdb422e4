import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LIBRARY_LIMITS } from "../../src/library/limits.ts";
import { indexedTempApp, type TempApp } from "../support/temp-app.ts";

let t: TempApp;
let now: number;
const clock = () => now;
beforeEach(async () => {
  now = 1_800_000_000_000;
  t = await indexedTempApp({ clock });
  await t.app.library.add(G1, { id: "m1", name: "Mira" }, article, "Die Mondbasis");
});
afterEach(() => t.cleanup());

const G1 = "200000000000000001";
const article = {
  filename: "mondbasis.md",
  text: "# Die Mondbasis\n\nGebaut wird die Station von der Firma Regolith Works aus Bremen.\n",
};
const proposal = {
  articleId: "mondbasis",
  quote: "Gebaut wird die Station von der Firma Regolith Works aus Bremen.",
  questionDe: "Welche Firma baut die Station?",
  questionEn: "Which company builds the station?",
  answers: "Regolith Works",
  distractors: "Lunar Forge\nCrater Systems\nApollo Bau",
  type: "organisation" as const,
};
const stored = () =>
  t.db.$client.prepare("SELECT proposed_by, slug FROM library_claims ORDER BY id").all() as {
    proposed_by: string;
    slug: string;
  }[];

describe("proposals sent at once", () => {
  it("are counted in the write itself: 30 forms of one member store the hourly limit, no more", async () => {
    const member = { id: "u1", name: "Uwe" };
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, () => t.app.proposals.propose(G1, member, proposal)),
    );
    const kinds = outcomes.map((o) => o.kind);
    expect(kinds.filter((k) => k === "proposed")).toHaveLength(LIBRARY_LIMITS.proposalsPerHour);
    expect(kinds.filter((k) => k === "too-often")).toHaveLength(
      30 - LIBRARY_LIMITS.proposalsPerHour,
    );
    expect(stored()).toHaveLength(LIBRARY_LIMITS.proposalsPerHour);
  });

  it("of the same answer by two members both store, under different ids", async () => {
    const outcomes = await Promise.all(
      ["u1", "u2", "u3"].map((id) => t.app.proposals.propose(G1, { id, name: id }, proposal)),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(["proposed", "proposed", "proposed"]);
    const slugs = stored().map((r) => r.slug);
    expect(new Set(slugs).size).toBe(3);
    expect(slugs).toEqual(outcomes.map((o) => (o.kind === "proposed" ? o.slug : "")));
  });
});

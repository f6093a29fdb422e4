import { describe, expect, it } from "vitest";
import { limitProblems } from "../../src/discord/limits.ts";
import { renderView } from "../../src/discord/payload.ts";
import { parseCustomId } from "../../src/interactions/custom-id.ts";
import type { View } from "../../src/interactions/view.ts";
import { REPORTS_PER_PAGE, reportsView } from "../../src/interactions/views/reports.ts";
import type { OpenReport } from "../../src/quiz/stores.ts";

/** Reports as long as members can make them: long questions, five reasons of 500 characters. */
const longReports: OpenReport[] = Array.from({ length: 13 }, (_, i) => ({
  guildId: "g1",
  claimId: `claim-${i}-${"x".repeat(30)}`,
  prompt: `Frage ${i}: ${"Wer *baut* die _Station_? ".repeat(60)}`,
  reporters: 7,
  players: 7,
  reasons: Array.from({ length: 7 }, (_, r) => ({
    userName: `${"Name_mit*Sternen".repeat(2)}${r}`,
    reason: "Zwei ~~Optionen~~ sind **richtig** @everyone ".repeat(12).slice(0, 500),
  })),
  resting: true,
}));

const pageIds = (view: View) =>
  (view.buttons?.[1] ?? []).map((b) => ({ id: parseCustomId(b.customId), off: b.disabled }));

describe("/quiz reports", () => {
  it("pages long reports within Discord's limits, every report on exactly one page", () => {
    const pages = Math.ceil(longReports.length / REPORTS_PER_PAGE);
    const seen: string[] = [];
    for (let page = 0; page < pages; page++) {
      const view = reportsView(longReports, "de", page);
      expect(limitProblems(renderView(view))).toEqual([]);
      seen.push(...(view.cards ?? []).map((c) => String(c.title).split(" ")[0] as string));
      expect(pageIds(view)).toEqual([
        { id: { kind: "reports", page: Math.max(0, page - 1) }, off: page === 0 },
        { id: { kind: "reports", page: page + 1 }, off: page === pages - 1 },
      ]);
    }
    expect(seen).toEqual(longReports.map((r) => r.claimId));
    expect(reportsView(longReports, "en", 99).content).toContain(`Page ${pages} of ${pages}`);
  });

  it("keeps one page without paging buttons", () => {
    const view = reportsView(longReports.slice(0, 2), "en");
    expect(view.buttons).toHaveLength(1);
    expect(limitProblems(renderView(view))).toEqual([]);
  });
});

describe("a message's embeds", () => {
  it("stay within 6,000 characters together, the small ones whole", () => {
    const big = { colour: "info" as const, body: "a".repeat(4000) };
    const small = { colour: "info" as const, body: "kurz" };
    const payload = renderView({ cards: [small, ...Array(9).fill(big)] });
    expect(limitProblems(payload)).toEqual([]);
    expect(payload.embeds?.[0]?.description).toBe("kurz");
  });
});

import { describe, expect, it, vi } from "vitest";
import * as segment from "../../src/corpus/segment.ts";
import { placeClaims, type StoredClaim } from "../../src/library/claim-placing.ts";

vi.mock("../../src/corpus/segment.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/corpus/segment.ts")>();
  return { ...original, segmentBody: vi.fn(original.segmentBody) };
});

const GUILD = "100000000000000001";
const ARTICLE = `g${GUILD}-grossbau`;
const sentence = (i: number) => `Die Station ${i} baut die Firma Werk${i} aus Bremen.`;
/** One long article of about 300 kB, and 500 claims quoting it. */
const body = Array.from({ length: 6000 }, (_, i) => sentence(i)).join(" ");
const claims: StoredClaim[] = Array.from({ length: 500 }, (_, n) => {
  const i = n * 12;
  return {
    guildId: GUILD,
    slug: `werk-${i}`,
    articleId: ARTICLE,
    claim: {
      id: `werk-${i}`,
      quote: sentence(i).replace(/ /g, "\n"),
      question: { de: `Welche Firma baut die Station ${i}?` },
      answer: [`Werk${i}`],
      type: "organisation",
    },
  };
});

describe("placing a server's claims", () => {
  it("places 500 claims on one long article with one split of it", () => {
    const placed = placeClaims(claims, new Map([[ARTICLE, { body }]]));
    expect(segment.segmentBody).toHaveBeenCalledTimes(1);
    expect(placed.stale).toEqual([]);
    expect(placed.rows).toHaveLength(500);
    const row = placed.rows[10];
    expect(body.slice(row?.quoteStart, row?.quoteEnd)).toBe(sentence(120));
    expect(row).toMatchObject({ id: `g${GUILD}-werk-120`, guildId: GUILD });
  });

  it("names the claims whose article is gone or whose quote left it", () => {
    const gone = { ...claims[0], articleId: "weg" } as StoredClaim;
    const moved = {
      ...claims[1],
      claim: { ...claims[1]?.claim, quote: "Nicht im Artikel, Werk12." },
    };
    const placed = placeClaims(
      [gone, moved as StoredClaim, claims[2] as StoredClaim],
      new Map([[ARTICLE, { body }]]),
    );
    expect(placed.stale).toEqual(["werk-0", "werk-12"]);
    expect(placed.rows.map((r) => r.id)).toEqual([`g${GUILD}-werk-24`]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { terminalSafe, untilText, viewText } from "../../src/console/text.ts";

const STYLE = { boldOpen: "**", boldClose: "**" };

/** Terminal control characters (but line feed and tab) and bidirectional overrides. */
const unsafe = (c: string) => {
  const code = c.codePointAt(0) ?? 0;
  return (
    (code < 0x20 && c !== "\n" && c !== "\t") ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
};

describe("text echoed to the terminal", () => {
  it("never carries a control character or bidirectional override, whatever was typed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (typed) => {
        const shown = viewText(
          {
            content: typed,
            cards: [
              {
                colour: "info",
                title: typed,
                fields: [{ name: typed, value: [{ bold: typed }] }],
                footer: typed,
              },
            ],
          },
          STYLE,
          0,
        );
        expect([...shown].filter(unsafe)).toEqual([]);
      }),
    );
  });

  it("keeps lines, tabs, umlauts and emoji", () => {
    expect(terminalSafe("Zeile 1\n\tÄrger 👩‍💻\u001b[31m")).toBe("Zeile 1\n\tÄrger 👩‍💻[31m");
  });
});

describe("a moment shown as the time until it", () => {
  it("uses seconds, then minutes, then hours and minutes", () => {
    expect(untilText(-5_000)).toBe("in 0 s");
    expect(untilText(90_000)).toBe("in 90 s");
    expect(untilText(45 * 60_000)).toBe("in 45 min");
    expect(untilText(10_577_000)).toBe("in 2 h 56 min");
    expect(untilText(3 * 3_600_000)).toBe("in 3 h");
  });
});

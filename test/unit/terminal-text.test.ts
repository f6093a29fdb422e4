import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { terminalSafe, viewText } from "../../src/console/text.ts";

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

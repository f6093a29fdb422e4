import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderText } from "../../src/discord/markdown.ts";

/** What Discord would turn into a link, a mention pill or a formatted block if left unescaped. */
const DANGEROUS = [
  /(?<!\\)\[[^\]\n]*(?<!\\)\]\(/, // a masked link
  /\b[a-z][a-z0-9+.-]*:\/\//i, // a raw URL
  /(?<!\\)<[@#:at]/, // a mention, a channel, an emoji or a timestamp
  /^[ \t]*(?<!\\)(#{1,3} |> |-# |[-*+] |\d+\. )/m, // a heading, quote, subtext or list
  /(?<!\\)(\*\*|__|~~|\|\||`)/, // bold, underline, strikethrough, spoiler, code
];

const hostile = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.constantFrom(
    "[Free Nitro](https://evil.example/x)",
    "[x](<https://evil.example>)",
    "# Heading\n## Sub\n-# small\n> quote\n- item\n1. one",
    "<@123456789012345678> <@&1> <#2> <t:1:R> <:e:3>",
    "**bold** __u__ ~~s~~ ||spoiler|| `code` ```block```",
    "discord.gg/abc https://discord.gg/abc www.example.com",
  ),
);

describe("text echoed to Discord", () => {
  it("can form no link, ping, mention or formatting, whatever was typed", () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 4 }), (parts) => {
        const rendered = renderText(parts.join(" "));
        for (const pattern of DANGEROUS) expect(rendered).not.toMatch(pattern);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps what follows a link's text from becoming markdown", () => {
    const rendered = renderText([
      { link: "https://a.example/x> **hi** [y](https://evil.example)" },
    ]);
    expect(rendered.startsWith("<https://a.example/x")).toBe(true);
    expect(rendered.indexOf(">")).toBe(rendered.length - 1);
    // The link runs to the one ">" at the end: no space or angle bracket lets text out of it.
    expect(rendered).not.toMatch(/\s/);
    expect(rendered.lastIndexOf("<")).toBe(0);
  });

  it("shows a display name with a masked link as the text that was typed", () => {
    expect(renderText("[Free Nitro](https://evil.example/x)")).toBe(
      "\\[Free Nitro\\](https:\u200b//evil.example/x)",
    );
  });
});

import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { GlobalFonts } from "@napi-rs/canvas";

/**
 * The fonts pictures are drawn with, all from npm packages and registered under our own family
 * names, so a picture looks the same on every machine whatever fonts it has installed:
 * DejaVu Sans (Latin, Greek, Cyrillic, Hebrew, Arabic, combining marks, many symbols), Noto Emoji
 * (emoji, including joined sequences) and UnifontEX (every other character of the Basic
 * Multilingual Plane, CJK and Hangul among them) as the last resort before a box.
 */
const SANS = "Beleg Sans";
const EMOJI = "Beleg Emoji";
const FALLBACK = "Beleg Fallback";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

function fontFiles(): { family: string; path: string }[] {
  const dejavu = join(packageDir("dejavu-fonts-ttf"), "ttf");
  const emoji = join(packageDir("@fontsource/noto-emoji"), "files");
  const unifont = join(packageDir("@fontsource/unifontex"), "files");
  return [
    { family: SANS, path: join(dejavu, "DejaVuSans.ttf") },
    { family: SANS, path: join(dejavu, "DejaVuSans-Bold.ttf") },
    // Noto Emoji comes cut into subsets by code point; together they are the whole font.
    ...readdirSync(emoji)
      .filter((f) => f.endsWith("-400-normal.woff2"))
      .map((f) => ({ family: EMOJI, path: join(emoji, f) })),
    { family: FALLBACK, path: join(unifont, "unifontex-latin-400-normal.woff2") },
  ];
}

let registered = false;

/** Registers the packaged fonts once per thread; throws when one cannot be read. */
export function registerFonts(): void {
  if (registered) return;
  for (const { family, path } of fontFiles()) {
    if (!GlobalFonts.registerFromPath(path, family)) throw new Error(`font not readable: ${path}`);
  }
  registered = true;
}

/** A CSS font for the canvas: our fonts first, in the order they are asked for a character. */
export function font(px: number, bold = false): string {
  return `${bold ? "bold " : ""}${px}px "${SANS}", "${EMOJI}", "${FALLBACK}"`;
}

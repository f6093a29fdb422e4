import { createCanvas } from "@napi-rs/canvas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankingPicture } from "../../src/interactions/views/pictures.ts";
import { chartSize } from "../../src/pictures/charts.ts";
import { COLOURS } from "../../src/pictures/draw.ts";
import { fitText } from "../../src/pictures/fit.ts";
import { font, registerFonts } from "../../src/pictures/fonts.ts";
import { renderChart } from "../../src/pictures/render.ts";
import { hostileText } from "../support/hostile.ts";
import { decodePng, pixelAt } from "../support/png.ts";

/** Display names as members have them: any script, emoji, marks, up to Discord's 32 characters. */
const displayName = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 32 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 32 }),
  fc.constantFrom(
    "👩‍👩‍👧‍👦🏳️‍🌈🇩🇪👍🏽",
    "山田太郎の名前はとても長いです山田太郎の名前はとても長いです",
    "محمد عبد الله بن عبد العزيز",
    "שרה לוי",
    "Z\u0336\u0337\u0338\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308algo",
    "W".repeat(32),
    "\u202Eevil\u202C \u2067x\u2069",
    "a\u0000b\u0007c\r\nd",
    "\uD800 lone surrogate",
  ),
  hostileText,
);

const background = Number.parseInt(COLOURS.background.slice(1), 16);

describe("any display name in a picture", () => {
  it("is cut by its drawn width to fit its box", () => {
    registerFonts();
    const ctx = createCanvas(10, 10).getContext("2d");
    ctx.font = font(20);
    const measure = (t: string) => ctx.measureText(t).width;
    fc.assert(
      fc.property(displayName, fc.integer({ min: 1, max: 400 }), (name, width) => {
        const fitted = fitText(name, width, measure);
        expect(measure(fitted)).toBeLessThanOrEqual(width);
      }),
      { numRuns: 300 },
    );
  });

  it("draws in a ranking without crashing, at the chart's size, never into the bars' column", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(displayName, { minLength: 1, maxLength: 10 }),
        fc.constantFrom("bars" as const, "podium" as const),
        async (names, layout) => {
          const standings = names.map((userName, i) => ({
            userId: `u${i}`,
            userName,
            points: 500 - i * 40,
            correct: i,
            answered: 10,
          }));
          const picture = rankingPicture(standings, "de", {
            name: "x.png",
            layout,
            title: names[0] ?? "",
          });
          const png = await decodePng(await renderChart(picture.chart));
          expect({ width: png.width, height: png.height }).toEqual(chartSize(picture.chart));
          if (layout !== "bars") return;
          // Between the names (to x 300) and the bars (from x 312) is a gap no name reaches.
          for (let y = 96; y < png.height; y++)
            for (let x = 302; x < 310; x++) expect(pixelAt(png, x, y)).toBe(background);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});

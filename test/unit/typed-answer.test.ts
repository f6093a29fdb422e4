import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allowedTypos, typedAnswerMatches } from "../../src/quiz/typed-answer.ts";

describe("a typed answer", () => {
  it.each([
    ["jeff bezos", ["Jeff Bezos"], true],
    ["JEFF  BEZOS!", ["Jeff Bezos"], true],
    ["Jef Besos", ["Jeff Bezos"], true],
    ["Bezos", ["Jeff Bezos", "Bezos"], true],
    ["Zuckerberg", ["Jeff Bezos"], false],
    ["Muenchen", ["München"], true],
    ["Erdogan", ["Recep Tayyip Erdoğan", "Erdoğan"], true],
    ["175 Milliarden", ["175 Milliarden Dollar", "175 billion dollars"], true],
    ["175 billion", ["175 Milliarden Dollar"], true],
    ["170 Milliarden", ["175 Milliarden Dollar"], false],
    ["SEC", ["SEC"], true],
    ["SEX", ["SEC"], false],
    ["", ["SEC"], false],
    ["die SEC", ["SEC"], true],
    ["in Venedig", ["Venedig"], true],
    ["nicht die SEC", ["SEC"], false],
    ["SEC und FTC", ["SEC"], false],
    ["Hunter Biden", ["Joe Biden", "Biden"], false],
    ["Herr Peter Tiel", ["Peter Thiel"], true],
    ["fast 9.000", ["9000"], true],
    ["9.000 Satelliten", ["9.000"], true],
    ["90 Satelliten", ["9.000"], false],
    ["16,000", ["16.000 Satelliten"], true],
    ["15 Millionen", ["1,5 Millionen"], false],
    ["2.5", ["25 Prozent"], false],
    ["1.5 Millionen", ["1,5 Millionen"], true],
  ])("%s against %j is %s", (typed, accepted, expected) => {
    expect(typedAnswerMatches(typed, accepted)).toBe(expected);
  });

  it("forgives more typos in longer answers, none in short ones", () => {
    expect(allowedTypos(3)).toBe(0);
    expect(allowedTypos(8)).toBe(1);
    expect(allowedTypos(12)).toBe(2);
    expect(allowedTypos(40)).toBe(3);
  });

  it("never throws on what anybody may type", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (typed) => {
        expect(typeof typedAnswerMatches(typed, ["Jeff Bezos", "175 Milliarden Dollar"])).toBe(
          "boolean",
        );
      }),
    );
  });
});

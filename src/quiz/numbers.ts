/** A number inside an answer such as "175 Milliarden Dollar", "16.000" or "20. Januar". */
export interface NumberInText {
  readonly value: number;
  readonly start: number;
  readonly end: number;
  /** Written with a thousands separator ("16.000" / "16,000")? */
  readonly separator: "." | "," | null;
}

const NUMBER = /\d{1,3}(?:([.,])\d{3})+(?!\d)|\d+/g;

/** Every number in the text, in order. */
export function findNumbers(text: string): NumberInText[] {
  return [...text.matchAll(NUMBER)].map((m) => ({
    value: Number(m[0].replace(/[.,]/g, "")),
    start: m.index,
    end: m.index + m[0].length,
    separator: (m[1] as "." | "," | undefined) ?? null,
  }));
}

export function findNumber(text: string): NumberInText | undefined {
  return findNumbers(text)[0];
}

function formatNumber(value: number, separator: "." | "," | null): string {
  const digits = String(value);
  if (!separator || value < 1000) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** Rounds to two significant digits, so made-up numbers look like numbers people write. */
function roundNicely(n: number): number {
  if (n < 20) return Math.round(n);
  const magnitude = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / magnitude) * magnitude;
}

/**
 * Plausible wrong numbers near `value`: years a few apart, days of the month within the month,
 * other quantities scaled by factors, all distinct from `value` and from each other.
 */
export function nearbyNumbers(value: number, kind: "number" | "date"): number[] {
  let candidates: number[];
  if (kind === "date" && value >= 1800 && value <= 2100) {
    candidates = [-3, -2, -1, 1, 2, 3, 5, -5].map((d) => value + d);
  } else if (kind === "date" && value >= 1 && value <= 31) {
    candidates = [-10, -5, -2, 2, 5, 8, 10].map((d) => value + d).filter((d) => d >= 1 && d <= 28);
  } else if (value < 10) {
    candidates = [value + 1, value + 2, value + 3, value - 1, value + 5, value * 2].filter(
      (n) => n > 0,
    );
  } else {
    candidates = [0.5, 2, 0.75, 1.5, 3, 0.25, 1.25].map((f) => roundNicely(value * f));
  }
  return [...new Set(candidates.filter((n) => n !== value && n > 0))];
}

/** `text` with its number replaced by `value`, in the same style. */
export function replaceNumber(text: string, found: NumberInText, value: number): string {
  return text.slice(0, found.start) + formatNumber(value, found.separator) + text.slice(found.end);
}

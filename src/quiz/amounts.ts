import { normalizeWord } from "../search/normalize.ts";

/** An amount in a text: its number, times the scale word after it, and its unit if named. */
export interface Amount {
  /** The number as written ("234" of "234 Milliarden"). */
  readonly mantissa: number;
  /** The number times its scale (234e9 for "234 Milliarden", "234 Mrd." or "234 billion"). */
  readonly value: number;
  /** Whether a scale word (Million, Mrd., billion, thousand …) follows the number. */
  readonly scaled: boolean;
  readonly unit: Unit | undefined;
}

export type Unit = "dollar" | "euro" | "percent";

/**
 * Scale words of both languages, folded and without their dots. English "billion" is 10^9 (the
 * German "Milliarde"); the German plural "Billionen" is 10^12.
 */
const SCALES = new Map<string, number>([
  ...["tausend", "thousand", "thousands", "tsd", "k"].map((w): [string, number] => [w, 1e3]),
  ...["million", "millionen", "millions", "mio", "mill", "mn"].map((w): [string, number] => [
    w,
    1e6,
  ]),
  ...["milliarde", "milliarden", "mrd", "billion", "billions", "bn", "bio"].map(
    (w): [string, number] => [w, 1e9],
  ),
  ...["billionen", "trillion", "trillions"].map((w): [string, number] => [w, 1e12]),
]);

const UNITS = new Map<string, Unit>([
  ...["$", "dollar", "dollars", "usd", "usdollar"].map((w): [string, Unit] => [w, "dollar"]),
  ...["€", "euro", "euros", "eur"].map((w): [string, Unit] => [w, "euro"]),
  ...["%", "prozent", "percent", "pct", "vh"].map((w): [string, Unit] => [w, "percent"]),
]);

/** Numbers written as words, for answers such as "3" typed as "drei". */
const NUMBER_WORDS = new Map<string, number>(
  [
    ["eins", "one"],
    ["zwei", "two"],
    ["drei", "three"],
    ["vier", "four"],
    ["funf", "five"],
    ["sechs", "six"],
    ["sieben", "seven"],
    ["acht", "eight"],
    ["neun", "nine"],
    ["zehn", "ten"],
    ["elf", "eleven"],
    ["zwolf", "twelve"],
  ].flatMap(([de, en], i): [string, number][] => [
    [de as string, i + 1],
    [en as string, i + 1],
  ]),
);

const TOKEN =
  /\d+(?:[.,'’ ]\d{3})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[$€%]|[\p{L}]+(?:-[\p{L}]+)*/gu;

/** "16.000" and "16,000" are thousands, "1,5" and "1.5" one and a half. */
function numberOf(token: string): number {
  if (/^\d{1,3}(?:[.,'’ ]\d{3})+$/.test(token)) return Number(token.replace(/[.,'’ ]/g, ""));
  const grouped = /^(\d{1,3}(?:[.,'’ ]\d{3})+)([.,]\d+)$/.exec(token);
  if (grouped)
    return Number(
      `${(grouped[1] as string).replace(/[.,'’ ]/g, "")}.${(grouped[2] as string).slice(1)}`,
    );
  return Number(token.replace(",", "."));
}

const fold = (word: string) => normalizeWord(word.replace(/-/g, ""));

/**
 * Every amount in the text, in order: a number (in digits, or a small number word when the text
 * has no digits), its scale word, and a unit named before or after it ("$234 billion", "234 Mrd.
 * US-Dollar", "25 %").
 */
export function findAmounts(text: string): Amount[] {
  const tokens = [...text.matchAll(TOKEN)].map((m) => m[0]);
  const hasDigits = /\d/.test(text);
  const amounts: Amount[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const word = fold(token);
    const spelled = hasDigits ? undefined : NUMBER_WORDS.get(word);
    if (!/^\d/.test(token) && spelled === undefined) continue;
    const mantissa = spelled ?? numberOf(token);
    let at = i + 1;
    const scale = SCALES.get(fold(tokens[at] ?? ""));
    if (scale !== undefined) at++;
    const unitAfter = UNITS.get(fold(tokens[at] ?? "")) ?? UNITS.get(fold(tokens[at + 1] ?? ""));
    const before = fold(tokens[i - 1] ?? "");
    const unit = unitAfter ?? UNITS.get(before);
    amounts.push({ mantissa, value: mantissa * (scale ?? 1), scaled: scale !== undefined, unit });
  }
  return amounts;
}

const sameNumber = (a: number, b: number) => Math.abs(a - b) <= Math.abs(b) * 1e-9;

/**
 * Whether a typed amount says the wanted one: the same value once scaled ("234 Mrd." and "234
 * billion" for 234 Milliarden, but not "234 million"), or the same bare number without any
 * scale word; never another unit ("234 Euro" for dollars, "25 $" for percent).
 */
export function sameAmount(typed: Amount, wanted: Amount): boolean {
  if (typed.unit && wanted.unit && typed.unit !== wanted.unit) return false;
  if (sameNumber(typed.value, wanted.value)) return true;
  return !typed.scaled && wanted.scaled && sameNumber(typed.mantissa, wanted.mantissa);
}

/** Every wanted amount said, in order, and no other. */
export function sameAmounts(typed: readonly Amount[], wanted: readonly Amount[]): boolean {
  return (
    wanted.length > 0 &&
    typed.length === wanted.length &&
    wanted.every((w, i) => sameAmount(typed[i] as Amount, w))
  );
}

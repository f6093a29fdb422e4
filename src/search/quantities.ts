import { isStopWord } from "./analyzer.ts";
import { isEnglishStopWord } from "./english.ts";
import { normalizeWord } from "./normalize.ts";
import {
  ARTICLES,
  DURATIONS,
  ENGLISH_ORDINALS,
  GERMAN_ORDINALS,
  MONEY,
  MONEY_BEFORE,
  NUMBER_WORDS,
  ORDINAL_ENDING,
  PERCENT,
  SCALES,
} from "./number-words.ts";

/**
 * What a number stands for. Only numbers of one kind are compared: a year with a year, a
 * percentage with a percentage, money with money, a duration with one of the same unit, a count
 * or an ordinal with one of the same thing counted.
 */
export type QuantityKind = "year" | "percent" | "money" | "duration" | "count" | "ordinal";

export interface Quantity {
  readonly kind: QuantityKind;
  readonly value: number;
  /** For a duration its unit ("year", "day"); for a count or ordinal, the word counted. */
  readonly unit: string | undefined;
  /** Where the counted word stands (a count's or an ordinal's), to relate it to the query's. */
  readonly unitStart: number | undefined;
  /** UTF-16 offsets of the whole expression ("60.000 Satelliten", "2,4 Milliarden Dollar"). */
  readonly start: number;
  readonly end: number;
}

const ABBREVIATIONS = new Set(["mrd", "mio", "tsd", "bn", "mn", "pct"]);
/** Words between a number and what it counts that belong to neither ("16.000 der Satelliten"). */
const SKIPPED = new Set(["der", "die", "des", "den", "of", "the", "mehr", "more", "than", "als"]);

/** Punctuation that ends a number's phrase: what follows it is not what it counts. */
const PHRASE_END = /[.!?;:,()]/;

/**
 * Whether a word after a number is what it counts: in the same phrase ("9.000. Doch" is not a
 * count of "doch") and no stop word ("10 oder 12" counts no "oder").
 */
function countsWord(text: string, number: Piece | undefined, word: Piece): boolean {
  if (number === undefined || isStopWord(word.norm) || isEnglishStopWord(word.norm)) return false;
  const digitsEnd = /^\d/.test(number.raw)
    ? number.start + number.raw.replace(/\.$/, "").length
    : number.end;
  return !PHRASE_END.test(text.slice(digitsEnd, word.start));
}

interface Piece {
  readonly norm: string;
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  /** Digits written onto letters ("CO2", "H3", "A2"): part of a name, not a number. */
  readonly glued: boolean;
}

const PIECE = /\d+(?:st|nd|rd|th)\b|\d+(?:[.,’']\d+)*(?:\.(?=\s))?|[\p{L}\p{M}]+\.?|[%$€£]/gu;

/** "16.000" and "16,000" are sixteen thousand; "2,4" and "2.4" two point four. */
export function parseNumeral(raw: string): number | undefined {
  const digits = raw.replace(/\.$/, "");
  if (/^\d+$/.test(digits)) return Number(digits);
  if (/^\d{1,3}([.,’'])\d{3}(\1\d{3})*$/.test(digits)) return Number(digits.replace(/\D/g, ""));
  const decimal = /^(\d+)[.,](\d+)$/.exec(digits);
  return decimal ? Number(`${decimal[1]}.${decimal[2]}`) : undefined;
}

function piecesOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  for (const m of text.matchAll(PIECE)) {
    const raw = m[0];
    const bare = raw.endsWith(".") && !/^\d/.test(raw) ? raw.slice(0, -1) : raw;
    const norm = normalizeWord(bare);
    // The full stop of an abbreviation ("Mrd.") is part of it; a sentence's is not.
    const length = bare === raw || ABBREVIATIONS.has(norm) ? raw.length : bare.length;
    const glued = /^\d/.test(raw) && /[\p{L}\p{M}]/u.test(text[m.index - 1] ?? "");
    pieces.push({ raw, norm, start: m.index, end: m.index + length, glued });
  }
  return pieces;
}

/** "Billion" is a thousand times more in German than in English. */
const billion = (english: boolean) => (english ? 1e9 : 1e12);

/**
 * The numbers of a text with what they stand for: digits ("16.000", "2,4"), number words
 * ("drei", "a dozen"), scale words in both languages ("2,4 Mrd.", "60 billion"), percentages,
 * money, durations ("fünf Jahre"), years (four digits, 1800–2100, nothing else attached),
 * ordinals ("erste Reihe", "3rd") and plain counts with the word they count.
 */
export function quantitiesOf(text: string, english: boolean): Quantity[] {
  const pieces = piecesOf(text);
  const found: Quantity[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] as Piece;
    if (p.glued) continue;
    const ordinal = ordinalOf(p, pieces[i + 1]);
    if (ordinal !== undefined) {
      const unit = pieces[i + 1];
      found.push({
        kind: "ordinal",
        value: ordinal,
        unit: unit?.norm,
        unitStart: unit?.start,
        start: p.start,
        end: unit?.end ?? p.end,
      });
      continue;
    }
    let value = /^\d/.test(p.raw) ? parseNumeral(p.raw) : NUMBER_WORDS[p.norm];
    let j = i + 1;
    if (value === undefined) {
      const scale = pieces[i + 1];
      const factor = scale && scaleOf(scale.norm, english);
      if (!(ARTICLES.has(p.norm) && factor)) continue;
      value = 1;
    }
    const fourDigits = /^\d{4}\.?$/.test(p.raw);
    let scaled = false;
    for (let factor = scaleOf(pieces[j]?.norm, english); factor; ) {
      value *= factor;
      scaled = true;
      j++;
      factor = scaleOf(pieces[j]?.norm, english);
    }
    const money = MONEY_BEFORE.has(pieces[i - 1]?.norm ?? "");
    const next = pieces[j];
    let kind: QuantityKind = "count";
    let unit: string | undefined;
    let unitStart: number | undefined;
    if (next && PERCENT.has(next.norm)) {
      kind = "percent";
      j++;
    } else if (money || (next && MONEY.has(next.norm))) {
      kind = "money";
      while (pieces[j] && MONEY.has((pieces[j] as Piece).norm)) j++;
    } else if (next && DURATIONS[next.norm]) {
      kind = "duration";
      unit = DURATIONS[next.norm];
      j++;
    } else if (fourDigits && !scaled && (value as number) >= 1800 && (value as number) <= 2100) {
      kind = "year";
    } else {
      let k = j;
      while (pieces[k] && SKIPPED.has((pieces[k] as Piece).norm)) k++;
      const counted = pieces[k];
      if (counted && /^\p{L}/u.test(counted.raw) && countsWord(text, pieces[j - 1], counted)) {
        unit = counted.norm;
        unitStart = counted.start;
        j = k + 1;
      }
    }
    const start = money ? (pieces[i - 1] as Piece).start : p.start;
    const last = pieces[j - 1] as Piece;
    // A full stop after the digits ends the sentence, unless the number was an ordinal (above).
    const end = /^\d.*\.$/.test(last.raw) ? last.end - 1 : last.end;
    found.push({ kind, value: value as number, unit, unitStart, start, end });
    i = j - 1;
  }
  return found;
}

function scaleOf(norm: string | undefined, english: boolean): number | undefined {
  if (norm === undefined) return undefined;
  if (norm === "billion") return billion(english);
  return SCALES[norm];
}

/** "erste", "dritten", "first", "3rd", and "3." before a word ("3. Platz"). */
function ordinalOf(p: Piece, next: Piece | undefined): number | undefined {
  if (/^\p{L}/u.test(p.raw)) {
    // A German ordinal has an ending ("erste"); bare "acht" is a number, "erst" an adverb.
    const stem = p.norm.replace(ORDINAL_ENDING, "");
    const n = ENGLISH_ORDINALS[p.norm] ?? (stem !== p.norm ? GERMAN_ORDINALS[stem] : undefined);
    return n !== undefined && next !== undefined && /^\p{L}/u.test(next.raw) ? n : undefined;
  }
  const english = /^(\d+)(st|nd|rd|th)$/.exec(p.norm);
  if (english) return Number(english[1]);
  if (/^\d{1,2}\.$/.test(p.raw) && next && /^\p{Lu}/u.test(next.raw))
    return Number.parseInt(p.raw, 10);
  return undefined;
}

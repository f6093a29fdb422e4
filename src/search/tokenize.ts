import { normalizeNumber, normalizeWord } from "./normalize.ts";

/** A word of the original text: its normalised form and where it stands, in UTF-16 offsets. */
export interface Token {
  readonly norm: string;
  readonly start: number;
  readonly end: number;
  /** The whole of a hyphenated group ("techmilliardare"), standing over its parts. */
  readonly joined: boolean;
}

/**
 * A word group: letter/digit runs joined by hyphens, apostrophes, gender stars or colons
 * ("US-Präsident", "Trump's", "Oligarch*innen"), or a number with separators ("16.000").
 */
const WORD_GROUP = /\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:[-‐‑'’*:][\p{L}\p{M}\p{N}]+)*/gu;
const PART = /[\p{L}\p{M}\p{N}]+/gu;
const APOSTROPHE = /['’]/;
const JOINER = /[-‐‑'’*:]/;
const NUMBER_ONLY = /^[\d.,]+$/;

/** Normalised forms of plain words seen before: most words of a corpus repeat. */
const normCache = new Map<string, string>();
const NORM_CACHE_LIMIT = 200_000;

function normalizeCached(word: string): string {
  let norm = normCache.get(word);
  if (norm === undefined) {
    norm = normalizeWord(word);
    if (normCache.size >= NORM_CACHE_LIMIT) normCache.clear();
    normCache.set(word, norm);
  }
  return norm;
}
const MAX_TOKEN_LENGTH = 64;

function push(tokens: Token[], norm: string, start: number, end: number, joined = false): void {
  if (norm.length > 0 && norm.length <= MAX_TOKEN_LENGTH) tokens.push({ norm, start, end, joined });
}

/**
 * Cuts text into tokens. A hyphenated group yields its parts and the joined whole, so
 * "Tech-Milliardäre" is found by "Milliardäre" and by "Techmilliardäre"; an apostrophe only
 * joins ("Trump's" is "trumps").
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const group of text.matchAll(WORD_GROUP)) {
    const raw = group[0];
    const start = group.index;
    const end = start + raw.length;
    if (!JOINER.test(raw)) {
      if (NUMBER_ONLY.test(raw)) push(tokens, normalizeNumber(raw), start, end);
      else push(tokens, normalizeCached(raw), start, end);
      continue;
    }
    if (/^\p{N}/u.test(raw) && /^[\p{N}.,]+$/u.test(raw)) {
      push(tokens, normalizeNumber(raw), start, end);
      continue;
    }
    const parts = [...raw.matchAll(PART)];
    if (parts.length === 1 || APOSTROPHE.test(raw)) {
      push(tokens, normalizeWord(raw.replace(/[^\p{L}\p{M}\p{N}]/gu, "")), start, end);
      continue;
    }
    for (const part of parts) {
      push(tokens, normalizeWord(part[0]), start + part.index, start + part.index + part[0].length);
    }
    push(tokens, normalizeWord(parts.map((p) => p[0]).join("")), start, end, true);
  }
  return tokens;
}

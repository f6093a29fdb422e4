/** A paragraph of an article body; offsets are UTF-16 indices into the body. */
export interface Paragraph {
  readonly number: number;
  readonly start: number;
  readonly end: number;
  readonly isHeading: boolean;
}

/** A citable passage: a paragraph, or a run of sentences of a long one. */
export interface PassageSpan {
  readonly seq: number;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
  readonly isHeading: boolean;
}

/** Paragraphs longer than this are cut at sentence boundaries into pieces of about TARGET. */
export const MAX_PASSAGE_CHARS = 1200;
const TARGET_PASSAGE_CHARS = 700;

const HEADING_MARK = /^#{1,6}[ \t]+/;

/** Blocks separated by blank lines; a heading's span starts after its `#` marks. */
export function splitParagraphs(body: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const blankLine = /\n[ \t]*\n/g;
  let cursor = 0;
  const addBlock = (from: number, to: number) => {
    const raw = body.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    let start = from + lead;
    const end = from + raw.trimEnd().length;
    if (end <= start) return;
    const mark = HEADING_MARK.exec(body.slice(start, end));
    if (mark) start += mark[0].length;
    if (end <= start) return;
    paragraphs.push({ number: paragraphs.length + 1, start, end, isHeading: mark !== null });
  };
  for (const gap of body.matchAll(blankLine)) {
    addBlock(cursor, gap.index);
    cursor = gap.index + gap[0].length;
  }
  addBlock(cursor, body.length);
  return paragraphs;
}

/**
 * Abbreviations after which a period does not end a sentence (German texts, lower-cased,
 * without the period).
 */
const ABBREVIATIONS = new Set(
  `abb anm bzw ca chr dr etc evtl ggf hr hrsg inkl jh jr mio mrd nr prof s sog st str tel usw
  vgl vs z.b zb u.a ua d.h dh üb ff bzw co corp inc ltd no vol bd`.split(/\s+/),
);

/**
 * A run of sentence marks (and closing quotes or brackets) before a space and a capital or digit.
 * It may start only where a run of marks starts: a run that cannot end a sentence is given up
 * once, not again from each of its marks (which made long runs quadratic).
 */
const SENTENCE_END = /(?<![.!?…])[.!?…]+["'»«“”‘’)\]]*(?=\s+["'»«„“‘([]*[\p{Lu}\p{N}])/gu;
const WORD_CHAR = /^[\p{L}\p{N}.]$/u;
const SPACES = /\s*/y;

/**
 * Where the word of letters, digits and periods that ends at `end` starts. Walked back char by
 * char: the words before two sentence ends never overlap, so all walks together stay linear.
 */
function wordStart(text: string, end: number): number {
  let i = end;
  while (i > 0) {
    const low = text.charCodeAt(i - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && i > 1 ? 2 : 1;
    if (!WORD_CHAR.test(text.slice(i - pair, i))) break;
    i -= pair;
  }
  return i;
}

/** Whether the period at `at` ends an initial, an ordinal or an abbreviation, not a sentence. */
function periodGoesOn(text: string, at: number): boolean {
  const before = text.slice(wordStart(text, at), at);
  const isInitial = /^(\p{L}\.)*\p{L}$/u.test(before);
  const isOrdinal = /^\d+$/.test(before);
  return isInitial || isOrdinal || ABBREVIATIONS.has(before.toLowerCase());
}

/** Offsets (relative to `text`) where a new sentence starts; linear in the text's length. */
export function sentenceStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(SENTENCE_END)) {
    if (m[0].startsWith(".") && periodGoesOn(text, m.index)) continue;
    SPACES.lastIndex = m.index + m[0].length;
    SPACES.exec(text);
    if (SPACES.lastIndex < text.length) starts.push(SPACES.lastIndex);
  }
  return starts;
}

/**
 * Cuts a run of text that has no sentence end where one is needed into pieces of about TARGET
 * characters: at the last space before MAX, else (one long word) at TARGET, never inside a
 * surrogate pair. Each piece looks at most MAX characters ahead, so this is linear.
 */
function cutAtSpaces(text: string, from: number, to: number): { start: number; end: number }[] {
  const pieces: { start: number; end: number }[] = [];
  let start = from;
  while (to - start > MAX_PASSAGE_CHARS) {
    let cut = -1;
    for (let i = start + MAX_PASSAGE_CHARS; i > start + TARGET_PASSAGE_CHARS / 2; i--)
      if (/\s/.test(text[i] as string)) {
        cut = i;
        break;
      }
    let next: number;
    if (cut < 0) {
      cut = start + TARGET_PASSAGE_CHARS;
      if (/[\uDC00-\uDFFF]/.test(text[cut] as string)) cut--;
      next = cut;
    } else {
      next = cut;
      while (next < to && /\s/.test(text[next] as string)) next++;
    }
    pieces.push({ start, end: cut });
    start = next;
  }
  pieces.push({ start, end: to });
  return pieces;
}

/**
 * Cuts one long paragraph into runs of whole sentences of about TARGET characters; a run that is
 * still longer than MAX (no sentence end in it) is cut at spaces, so no passage a search aligns
 * and highlights is longer than MAX, whatever an upload holds.
 */
function cutParagraph(body: string, p: Paragraph): { start: number; end: number }[] {
  const text = body.slice(p.start, p.end);
  if (text.length <= MAX_PASSAGE_CHARS) return [{ start: p.start, end: p.end }];
  const starts = p.isHeading ? [0] : sentenceStarts(text);
  const sentences: { start: number; end: number }[] = [];
  let pieceStart = 0;
  for (let i = 1; i < starts.length; i++) {
    const boundary = starts[i] as number;
    const remaining = text.length - boundary;
    if (boundary - pieceStart >= TARGET_PASSAGE_CHARS && remaining >= TARGET_PASSAGE_CHARS / 3) {
      sentences.push({ start: pieceStart, end: boundary });
      pieceStart = boundary;
    }
  }
  sentences.push({ start: pieceStart, end: text.length });
  return sentences.flatMap((piece) => {
    const end = piece.start + text.slice(piece.start, piece.end).trimEnd().length;
    return cutAtSpaces(text, piece.start, end).map((cut) => ({
      start: p.start + cut.start,
      end: p.start + cut.end,
    }));
  });
}

/** Passages of an article body, numbered from 1 in reading order. */
export function segmentBody(body: string): PassageSpan[] {
  const spans: PassageSpan[] = [];
  for (const p of splitParagraphs(body)) {
    for (const piece of cutParagraph(body, p)) {
      spans.push({ seq: spans.length + 1, paragraph: p.number, isHeading: p.isHeading, ...piece });
    }
  }
  return spans;
}

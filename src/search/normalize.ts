/**
 * Spelling-level normalisation shared by indexing and querying: case, ß/ss, the ae/oe/ue
 * spellings of umlauts, diacritics. Both sides run the same function, so "Plaetze", "Plätze" and
 * "PLÄTZE" meet at "platze".
 */

const LIGATURES: Record<string, string> = { ß: "ss", ẞ: "ss", œ: "oe", æ: "ae", ø: "o", ł: "l" };
const LIGATURE_PATTERN = /[ßẞœæøł]/g;
const VOWELS = "aeiouyäöü";

/**
 * Snowball's german2 rule: "ae", "oe", "ue" stand for ä, ö, ü, except "ue" after "q" and a "u"
 * that sits between vowels ("neue", "Steuer", "Bauer"), where it is a consonant-like glide.
 */
function foldUmlautSpellings(word: string): string {
  if (!/[aou]e/.test(word)) return word;
  let out = "";
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] as string;
    if (word[i + 1] === "e" && (ch === "a" || ch === "o" || ch === "u")) {
      const before = i > 0 ? (word[i - 1] as string) : "";
      const isGlide = ch === "u" && (before === "q" || VOWELS.includes(before));
      if (!isGlide) {
        out += ch;
        i++;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

/** Lower-case, ASCII-folded form of one word (letters and digits only, as the tokenizer cuts them). */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase().replace(LIGATURE_PATTERN, (c) => LIGATURES[c] ?? c);
  const folded = foldUmlautSpellings(lower);
  return folded.normalize("NFD").replace(/\p{M}+/gu, "");
}

/** "16.000" and "16000" are one number; "1,5" keeps its decimal part as digits. */
export function normalizeNumber(raw: string): string {
  return raw.replace(/[.,'’]/g, "");
}

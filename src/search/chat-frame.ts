import { normalizeWord } from "./normalize.ts";

/**
 * Words by which a message speaks as or to the people in the chat: first and second person,
 * "jemand" / "anyone". "ihr" and "us" are left out: they are as often "her"/"their" and "US".
 */
const GROUP_WORDS = new Set(
  `ich mir mich mein meine meinen meinem meiner meines wir uns unser unsere unseren unserem
  unserer unseres euch euer eure euren eurem eurer du dich dir dein deine deinen deinem deiner
  jemand jemanden jemandem i me my we our ours you your yours anyone anybody someone somebody
  guys`
    .split(/\s+/)
    .filter(Boolean)
    .map(normalizeWord),
);

/** Whether a message speaks as or to the group ("ich", "wir", "hat jemand", "you"). */
export function speaksAsGroup(message: string): boolean {
  return (message.match(/\p{L}+/gu) ?? []).some((w) => GROUP_WORDS.has(normalizeWord(w)));
}

/**
 * Where a sentence's first word stands: the text's first word, and each after . ! ? or a line
 * break.
 */
const SENTENCE_START = /(?:^|[.!?\n])[\s"'„“‚‘»«()\-–—]*([\p{L}\p{N}])/gu;

export function sentenceStarts(text: string): Set<number> {
  return new Set([...text.matchAll(SENTENCE_START)].map((m) => (m.index ?? 0) + m[0].length - 1));
}

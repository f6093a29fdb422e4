/**
 * Text as PostgreSQL can store it. A `text` or `jsonb` value may not contain U+0000 (the server
 * refuses the whole statement, and with it a whole batch of answers); SQLite stores it. User text
 * (typed answers, names, report reasons, library claims turned questions) may carry one, so it is
 * stored as U+FFFD, the replacement character, instead: the one place where the back ends differ
 * in what they give back.
 */
export const storableText = (text: string): string => text.replaceAll("\u0000", "\uFFFD");

/** storableText, passing null and undefined through. */
export const storableOptional = (text: string | null | undefined): string | null =>
  text == null ? null : storableText(text);

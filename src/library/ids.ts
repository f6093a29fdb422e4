/**
 * Ids of a server's articles and claims in the index: `g<guild>-<slug>`. The shared corpus may not
 * use ids of this shape (the loader refuses them), so a server's ids never meet the files'.
 */
const LIBRARY_ID = /^g(\d{5,20})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export const libraryId = (guildId: string, slug: string): string => `g${guildId}-${slug}`;

/** Whether an id is of the server-library shape (reserved for server libraries). */
export const isLibraryId = (id: string): boolean => LIBRARY_ID.test(id);

/** A server-library article id, or one of its passages' ids (`g<guild>-<slug>#<n>`). */
const LIBRARY_PASSAGE_ID = /^g\d{5,20}-([a-z0-9]+(?:-[a-z0-9]+)*)(#\d+)?$/;

/**
 * An article's or passage's id as its server sees it (`<slug>`, `<slug>#<n>`): the server's
 * number is the index's business. A shared id as it is.
 */
export function shownId(id: string): string {
  const match = LIBRARY_PASSAGE_ID.exec(id);
  return match ? `${match[1]}${match[2] ?? ""}` : id;
}

/**
 * The longest slug of a server's article or claim: indexed as `g<guild>-<slug>`, claim ids sit in
 * custom ids of at most 100 characters.
 */
export const MAX_SLUG = 40;

/** A file name or title as a slug: lower case, umlauts written out, words joined by hyphens. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replaceAll("ä", "ae")
    .replaceAll("ö", "oe")
    .replaceAll("ü", "ue")
    .replaceAll("ß", "ss")
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/, "");
}

import { type ClaimArticle, checkClaim } from "../corpus/claims.ts";
import { claimRow } from "../corpus/index-rows.ts";
import { foldWhitespace } from "../corpus/quote-search.ts";
import { type PassageSpan, segmentBody } from "../corpus/segment.ts";
import { libraryId } from "./ids.ts";
import type { ApprovedClaim } from "./stores.ts";

/** An approved claim of a server's library as stored (its YAML fields as an object). */
export type StoredClaim = ApprovedClaim;

/** A claim's row in the index, with the server it belongs to. */
export type LibraryClaimRow = ReturnType<typeof claimRow> & { readonly guildId: string };

/** Claim rows ready to be written, and the slugs of claims whose quote is not in their article. */
export interface PlacedClaims {
  readonly rows: LibraryClaimRow[];
  readonly stale: string[];
}

/**
 * Places claims in the articles they quote: each article is cut into passages and folded for
 * quote search once, however many claims quote it (a split per claim made 500 claims on one
 * long article take seconds). A claim whose article is missing or whose quote no longer occurs
 * in it is named in `stale`. Pure: runs in a library worker or in the ingest.
 */
export function placeClaims(
  stored: readonly StoredClaim[],
  articles: ReadonlyMap<string, ClaimArticle>,
): PlacedClaims {
  const prepared = new Map<string, { article: ClaimArticle; spans: PassageSpan[] }>();
  const preparedArticle = (id: string) => {
    const known = prepared.get(id);
    if (known) return known;
    const article = articles.get(id);
    if (!article) return undefined;
    const made = {
      article: { ...article, folded: foldWhitespace(article.body) },
      spans: segmentBody(article.body),
    };
    prepared.set(id, made);
    return made;
  };
  const rows: LibraryClaimRow[] = [];
  const stale: string[] = [];
  for (const s of stored) {
    const target = preparedArticle(s.articleId);
    const checked = target && checkClaim(s.claim, s.articleId, target.article, "library");
    if (!target || !checked?.claim) {
      stale.push(s.slug);
      continue;
    }
    const claim = { ...checked.claim, id: libraryId(s.guildId, s.slug) };
    rows.push({ ...claimRow(claim, target.spans, target.article.body), guildId: s.guildId });
  }
  return { rows, stale };
}

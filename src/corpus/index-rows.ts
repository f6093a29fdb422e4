import { analyze, type StemIndexer } from "../search/analyzer.ts";
import { englishStems } from "../search/english.ts";
import type { ParsedArticle } from "./article.ts";
import type { ParsedClaim } from "./claim-types.ts";
import { type PassageSpan, segmentBody } from "./segment.ts";

/** The rows an article and a claim are indexed as. */

/** A claim located in its article, from a claims file or a server's library. */
type PlacedClaim = Omit<ParsedClaim, "file" | "line">;

/** Where in the article body the claim's first answer stands inside its quote, if it does. */
function answerOffset(claim: PlacedClaim, body: string): number | undefined {
  const quoted = body.slice(claim.quoteStart, claim.quoteEnd).toLocaleLowerCase("de");
  for (const answer of claim.answer) {
    const at = quoted.indexOf(answer.de.toLocaleLowerCase("de"));
    if (at >= 0) return claim.quoteStart + at;
  }
  return undefined;
}

/**
 * The passage that proves the claim: the one its answer stands in (a quote may run over two
 * passages), else the one that holds most of its quote.
 */
function claimPassageSeq(spans: readonly PassageSpan[], claim: PlacedClaim, body: string): number {
  const answerAt = answerOffset(claim, body);
  const holdingAnswer = spans.find(
    (s) => !s.isHeading && answerAt !== undefined && s.start <= answerAt && answerAt < s.end,
  );
  if (holdingAnswer) return holdingAnswer.seq;
  let best = spans[0]?.seq ?? 1;
  let bestOverlap = -1;
  for (const span of spans) {
    if (span.isHeading) continue;
    const overlap = Math.min(span.end, claim.quoteEnd) - Math.max(span.start, claim.quoteStart);
    if (overlap > bestOverlap) {
      best = span.seq;
      bestOverlap = overlap;
    }
  }
  return best;
}

export function claimRow(claim: PlacedClaim, spans: readonly PassageSpan[], body: string) {
  const options = [...claim.answer, ...claim.accept];
  const germanText = [claim.question.de, claim.statement.de, ...options.map((o) => o.de)];
  const englishText = [claim.question.en, claim.statement.en, ...options.map((o) => o.en)];
  return {
    id: claim.id,
    articleId: claim.articleId,
    passageId: `${claim.articleId}#${claimPassageSeq(spans, claim, body)}`,
    type: claim.type,
    quote: claim.quote,
    quoteStart: claim.quoteStart,
    quoteEnd: claim.quoteEnd,
    questionDe: claim.question.de,
    questionEn: claim.question.en,
    statementDe: claim.statement.de,
    statementEn: claim.statement.en,
    answers: [...claim.answer],
    accept: [...claim.accept],
    distractors: [...claim.distractors],
    falseStatements: [...claim.falseStatements],
    notOffered: [...claim.notOffered],
    borrow: claim.borrow,
    kinds: [...claim.kinds],
    tags: [...claim.tags],
    stemsDe: analyze(germanText.join(" \n "))
      .map((t) => t.stem)
      .join(" "),
    stemsEn: englishStems(englishText.join(" \n ")).join(" "),
  };
}

function passageRow(article: ParsedArticle, span: PassageSpan, indexer: StemIndexer) {
  const text = article.body.slice(span.start, span.end);
  return {
    id: `${article.id}#${span.seq}`,
    articleId: article.id,
    seq: span.seq,
    paragraph: span.paragraph,
    isHeading: span.isHeading,
    start: span.start,
    end: span.end,
    text,
    // Headings stay citable by paragraph but are not search hits of their own.
    stems: span.isHeading ? "" : indexer.index(text),
  };
}

function articleRow(article: ParsedArticle, hash: string, now: Date) {
  return {
    id: article.id,
    path: article.file,
    title: article.meta.title ?? null,
    publication: article.meta.publication ?? null,
    author: article.meta.author ?? null,
    date: article.meta.date ?? null,
    language: article.meta.language,
    url: article.meta.url ?? null,
    body: article.body,
    contentHash: hash,
    indexedAt: now,
  };
}

/** An article's rows, analysed: the slow part of an ingest, done before the write lock is taken. */
export function analysedArticle(
  article: ParsedArticle,
  hash: string,
  now: Date,
  indexer: StemIndexer,
) {
  return {
    article: articleRow(article, hash, now),
    passages: segmentBody(article.body).map((span) => passageRow(article, span, indexer)),
  };
}

import { shownId } from "../../library/ids.ts";

/** What a source line names: an article's title (or id), publication, date and the paragraph. */
export interface SourceFacts {
  readonly articleId: string;
  readonly title: string | null;
  readonly publication: string | null;
  readonly date: string | null;
  readonly paragraph: number;
}

/** "Title — Publication, 2025-03-20 — ¶ 15": the source line under a quoted passage. */
export function sourceLine(source: SourceFacts): string {
  const name = source.title ?? shownId(source.articleId);
  const origin = [source.publication, source.date].filter(Boolean).join(", ");
  return [name, origin, `¶ ${source.paragraph}`].filter(Boolean).join(" — ");
}

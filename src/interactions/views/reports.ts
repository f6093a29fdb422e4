import type { OpenReport } from "../../quiz/stores.ts";
import type { Lang } from "../../quiz/types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import type { Card, Inline, View } from "../view.ts";

/**
 * Reported claims shown per page, oldest first. Each card holds a question and up to five
 * reasons of up to 500 characters, so four of them stay near Discord's 6,000 characters for a
 * message's embeds together (the renderer shortens the longest when they would not).
 */
export const REPORTS_PER_PAGE = 4;
/** Reasons shown per claim; the count says how many there are in all. */
const REASONS_SHOWN = 5;

function reportCard(report: OpenReport, lang: Lang): Card {
  const t = texts(lang);
  const reasons: Inline[] = report.reasons
    .slice(-REASONS_SHOWN)
    .flatMap((r, i) => [...(i > 0 ? ["\n"] : []), { bold: r.userName }, `: ${r.reason || "—"}`]);
  return {
    colour: report.resting ? "warn" : "info",
    title: `${report.claimId}${report.resting ? ` · ${t.resting}` : ""}`,
    body: report.prompt,
    fields: [{ name: t.reporters(report.reporters), value: reasons }],
  };
}

/**
 * One page of a server's open reports, for moderators: each claim with a button to mark it
 * reviewed, and buttons to the previous and next pages.
 */
export function reportsView(reports: readonly OpenReport[], lang: Lang, page = 0): View {
  const t = texts(lang);
  if (reports.length === 0) return { content: t.reportsEmpty, ephemeral: true };
  const pages = Math.ceil(reports.length / REPORTS_PER_PAGE);
  const shownPage = Math.min(Math.max(0, page), pages - 1);
  const shown = reports.slice(shownPage * REPORTS_PER_PAGE, (shownPage + 1) * REPORTS_PER_PAGE);
  const reviewed = shown.map((r) => ({
    style: "secondary" as const,
    label: t.markReviewed(r.claimId),
    customId: encodeCustomId({ kind: "reviewed", claimId: r.claimId }),
  }));
  const paging = [
    { label: t.previous, page: shownPage - 1, disabled: shownPage === 0 },
    { label: t.next, page: shownPage + 1, disabled: shownPage >= pages - 1 },
  ].map((b) => ({
    style: "secondary" as const,
    label: b.label,
    customId: encodeCustomId({ kind: "reports", page: Math.max(0, b.page) }),
    disabled: b.disabled,
  }));
  return {
    ephemeral: true,
    content: `${t.reportsTitle} (${reports.length}) · ${t.pageOf(shownPage + 1, pages)}`,
    cards: shown.map((r) => reportCard(r, lang)),
    buttons: pages > 1 ? [reviewed, paging] : [reviewed],
  };
}

import type { OpenReport } from "../../quiz/reports.ts";
import type { Lang } from "../../quiz/types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import type { Card, Inline, View } from "../view.ts";

/** Discord shows at most 10 embeds in a message; the oldest reported claims come first. */
const REPORTS_SHOWN = 10;
const BUTTONS_PER_ROW = 5;
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

/** The open reports of a server, for moderators, each with a button to mark it reviewed. */
export function reportsView(reports: readonly OpenReport[], lang: Lang): View {
  const t = texts(lang);
  if (reports.length === 0) return { content: t.reportsEmpty, ephemeral: true };
  const shown = reports.slice(0, REPORTS_SHOWN);
  const buttons = shown.map((r) => ({
    style: "secondary" as const,
    label: t.markReviewed(r.claimId),
    customId: encodeCustomId({ kind: "reviewed", claimId: r.claimId }),
  }));
  const rows = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW)
    rows.push(buttons.slice(i, i + BUTTONS_PER_ROW));
  return {
    ephemeral: true,
    content: `${t.reportsTitle} (${reports.length})`,
    cards: shown.map((r) => reportCard(r, lang)),
    buttons: rows,
  };
}

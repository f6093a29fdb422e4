import { plural } from "../interactions/texts/plural.ts";
import type { OpenReport } from "../quiz/stores.ts";
import { terminalSafe } from "./text.ts";

/** Open reports as terminal text (`cli claims reports`): one block per server and claim. */
export function reportsText(reports: readonly OpenReport[]): string {
  if (reports.length === 0) return "No open reports.\n";
  return reports
    .map((r) => {
      const who = plural("en", r.reporters, { one: "reporter", other: "reporters" });
      const head = `${r.claimId} (server ${r.guildId}): ${r.reporters} ${who}${r.resting ? ", resting" : ""}`;
      const reasons = r.reasons.map(
        (x) => `  - ${terminalSafe(x.userName)}: ${terminalSafe(x.reason) || "(no reason)"}`,
      );
      return [head, `  asked as: ${r.prompt}`, ...reasons].join("\n");
    })
    .join("\n\n")
    .concat("\n");
}

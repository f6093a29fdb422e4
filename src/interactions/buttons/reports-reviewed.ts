import { texts } from "../i18n.ts";
import { reportsView } from "../views/reports.ts";
import type { ButtonHandler } from "./button.ts";

/** "Reviewed" in /quiz reports: a moderator closes a claim's reports, and it is asked again. */
export const reportsReviewedButton: ButtonHandler<"reviewed"> = {
  async press(ctx, request, id, respond) {
    const t = texts(request.lang);
    if (request.guildId === null || !request.canManageMessages)
      return respond.reply({ content: t.reportsForbidden, ephemeral: true });
    await ctx.reports.review(request.guildId, id.claimId, request.actor.id);
    await respond.reply({ content: t.reviewed(id.claimId), ephemeral: true });
  },
};

/** Previous and Next in /quiz reports: the page as the reports stand now. */
export const reportsPageButton: ButtonHandler<"reports"> = {
  async press(ctx, request, id, respond) {
    const t = texts(request.lang);
    if (request.guildId === null || !request.canManageMessages)
      return respond.reply({ content: t.reportsForbidden, ephemeral: true });
    await respond.update(
      reportsView(await ctx.reports.open(request.guildId), request.lang, id.page),
    );
  },
};

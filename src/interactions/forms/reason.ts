import { texts } from "../i18n.ts";
import { REASON_FIELD, REASON_MAX_LENGTH } from "../views/forms.ts";
import type { FormHandler } from "./form.ts";

/** A report of a wrong question, with the reporter's reason. */
export const reasonFormSubmitted: FormHandler<"reason"> = {
  async submit(ctx, request, id, respond) {
    const t = texts(request.lang);
    if (request.guildId === null) return respond.reply({ content: t.guildOnly, ephemeral: true });
    const outcome = await ctx.reports.report({
      guildId: request.guildId,
      channelId: request.channelId,
      roundId: id.roundId,
      position: id.position,
      userId: request.actor.id,
      userName: request.actor.name,
      // Discord holds the field to its length; a reason stored is never longer, whoever sends it.
      reason: (request.fields[REASON_FIELD] ?? "").trim().slice(0, REASON_MAX_LENGTH),
    });
    const message = {
      reported: t.reported,
      already: t.alreadyReported,
      unknown: t.expired,
      "not-stored": t.notStored,
      full: t.storageFull,
      unavailable: t.unavailable,
    }[outcome];
    await respond.reply({ content: message, ephemeral: true });
  },
};

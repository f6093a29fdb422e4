import { CLAIM_TYPES } from "../../corpus/claim-types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import { librarianServer } from "../library-access.ts";
import { libraryTexts } from "../texts/library.ts";
import { proposalReviewView, refusalView } from "../views/library.ts";
import { proposalForm } from "../views/proposal-form.ts";
import type { ButtonHandler } from "./button.ts";

/** "Propose a question" under a /cite result: asks first what kind of answer it has. */
export const proposeButton: ButtonHandler<"propose"> = {
  async press(ctx, request, id, respond) {
    const l = libraryTexts(request.lang);
    if (request.guildId === null) return respond.reply({ content: l.guildOnly, ephemeral: true });
    if (!ctx.citeSessions.get(id.session)?.results[id.page])
      return respond.reply({ content: texts(request.lang).expired, ephemeral: true });
    const types = l.types.map((label, type) => ({
      style: "secondary" as const,
      label,
      customId: encodeCustomId({ kind: "ptype", session: id.session, page: id.page, type }),
    }));
    await respond.reply({
      content: l.chooseType,
      buttons: [types.slice(0, 3), types.slice(3)],
      ephemeral: true,
    });
  },
};

/** The answer's kind is chosen: the form opens with the cited passage as its quote. */
export const proposeTypeButton: ButtonHandler<"ptype"> = {
  async press(ctx, request, id, respond) {
    const result = ctx.citeSessions.get(id.session)?.results[id.page];
    if (!result || CLAIM_TYPES[id.type] === undefined)
      return respond.reply({ content: texts(request.lang).expired, ephemeral: true });
    await respond.showForm(proposalForm(id, result.text, request.lang));
  },
};

/** A moderator approves or rejects a proposal; the next one waiting is shown in its place. */
export const verdictButton: ButtonHandler<"verdict"> = {
  async press(ctx, request, id, respond) {
    const guildId = await librarianServer(ctx, request, respond);
    if (guildId === null) return;
    const l = libraryTexts(request.lang);
    const outcome = await ctx.proposals.review(guildId, request.actor, id.proposal, id.approve);
    if (outcome.kind === "unknown-proposal")
      return respond.reply({ content: l.unknownProposal, ephemeral: true });
    if (outcome.kind !== "approved" && outcome.kind !== "rejected")
      return respond.reply(refusalView(outcome, request.lang));
    const told =
      outcome.kind === "rejected"
        ? l.rejected(outcome.slug)
        : outcome.placed
          ? l.approved(outcome.slug)
          : l.approvedStale(outcome.slug);
    const pending = await ctx.proposals.pending(guildId);
    const next = pending[0];
    await respond.update(
      next
        ? { ...proposalReviewView(next, pending.length, request.lang), content: told }
        : { content: `${told}\n${l.reviewEmpty}`, cards: [], buttons: [] },
    );
  },
};

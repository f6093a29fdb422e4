import { CLAIM_TYPES } from "../../corpus/claim-types.ts";
import { texts } from "../i18n.ts";
import { fetchArticleText } from "../library-files.ts";
import { libraryTexts } from "../texts/library.ts";
import { refusalView } from "../views/library.ts";
import { addedView } from "../views/library-added.ts";
import { PROPOSAL_FIELDS } from "../views/proposal-form.ts";
import type { FormHandler } from "./form.ts";

/** A proposed question: checked with the claim rules, then kept for a moderator. */
export const proposalFormSubmitted: FormHandler<"proposal"> = {
  async submit(ctx, request, id, respond) {
    const l = libraryTexts(request.lang);
    if (request.guildId === null) return respond.reply({ content: l.guildOnly, ephemeral: true });
    const result = ctx.citeSessions.get(id.session)?.results[id.page];
    const type = CLAIM_TYPES[id.type];
    if (!result || !type)
      return respond.reply({ content: texts(request.lang).expired, ephemeral: true });
    const field = (name: string) => request.fields[name] ?? "";
    const outcome = await ctx.proposals.propose(request.guildId, request.actor, {
      articleId: result.articleId,
      quote: field(PROPOSAL_FIELDS.quote),
      questionDe: field(PROPOSAL_FIELDS.questionDe),
      questionEn: field(PROPOSAL_FIELDS.questionEn),
      answers: field(PROPOSAL_FIELDS.answers),
      distractors: field(PROPOSAL_FIELDS.distractors),
      type,
    });
    if (outcome.kind !== "proposed") return respond.reply(refusalView(outcome, request.lang));
    await respond.reply({ content: l.proposed(outcome.slug), ephemeral: true });
  },
};

/** The title of an uploaded article that stated none: the upload is fetched again and added. */
export const titleFormSubmitted: FormHandler<"title"> = {
  async submit(ctx, request, id, respond) {
    const upload = ctx.uploads.get(id.session);
    if (!upload || upload.userId !== request.actor.id || upload.guildId !== request.guildId)
      return respond.reply({ content: texts(request.lang).expired, ephemeral: true });
    await respond.defer(true);
    const fetched = await fetchArticleText(ctx, upload.attachment, request.lang);
    if (!fetched.ok) return respond.reply({ content: fetched.message, ephemeral: true });
    const title = (request.fields.title ?? "").trim();
    const outcome = await ctx.library.add(
      upload.guildId,
      request.actor,
      { filename: upload.attachment.name, text: fetched.text },
      title,
    );
    if (outcome.kind !== "needs-title") ctx.uploads.delete(id.session);
    await respond.reply(addedView(outcome, request.lang));
  },
};

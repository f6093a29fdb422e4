import { setTimeout as delay } from "node:timers/promises";
import { LIBRARY_LIMITS } from "../../library/limits.ts";
import type { Command, InteractionContext } from "../context.ts";
import { librarianServer } from "../library-access.ts";
import { fetchArticleText, fetchAttachment } from "../library-files.ts";
import type { CommandRequest, Responder } from "../request.ts";
import { libraryTexts } from "../texts/library.ts";
import { libraryListView, proposalReviewView, refusalView } from "../views/library.ts";
import { addedView, titleForm } from "../views/library-added.ts";
import { librarySpec } from "./library-spec.ts";
import { articleChoices, serverOf, str } from "./options.ts";

/**
 * How long fetching and checking an upload may take before the answer is deferred (Discord's
 * deadline is 3 s).
 */
const QUICK_ANSWER_MS = 2000;

const MODERATED = new Set(["add", "remove", "show", "export", "import", "review", "role"]);

async function add(
  ctx: InteractionContext,
  request: CommandRequest,
  guildId: string,
  respond: Responder,
) {
  const l = libraryTexts(request.lang);
  const file = request.attachments?.file;
  if (!file) return respond.reply({ content: l.needsFile, ephemeral: true });
  const title = str(request.options.title);
  const upload = (text: string) => ({ filename: file.name, text });
  // Fetched and checked in a worker; a title is asked for in a form, which must be the first
  // answer: only when both are done soon, else the answer is deferred and a guess is used.
  const working = fetchArticleText(ctx, file, request.lang).then(async (fetched) =>
    fetched.ok
      ? {
          fetched,
          outcome: await ctx.library.add(guildId, request.actor, upload(fetched.text), title),
        }
      : { fetched },
  );
  const quick = await Promise.race([working, delay(QUICK_ANSWER_MS, undefined)]);
  if (quick === undefined) await respond.defer(true);
  const { fetched, outcome: first } = quick ?? (await working);
  if (!fetched.ok) return respond.reply({ content: fetched.message, ephemeral: true });
  let outcome = first;
  if (outcome?.kind === "needs-title") {
    if (quick !== undefined) {
      const session = ctx.uploads.add({ userId: request.actor.id, guildId, attachment: file });
      return respond.showForm(titleForm(session, outcome.suggestion, request.lang));
    }
    outcome = await ctx.library.add(
      guildId,
      request.actor,
      upload(fetched.text),
      outcome.suggestion,
    );
  }
  if (outcome) await respond.reply(addedView(outcome, request.lang));
}

async function importFile(
  ctx: InteractionContext,
  request: CommandRequest,
  guildId: string,
  respond: Responder,
) {
  const l = libraryTexts(request.lang);
  const file = request.attachments?.file;
  if (!file) return respond.reply({ content: l.needsFile, ephemeral: true });
  await respond.defer(true);
  if (/\.zip$/i.test(file.name)) {
    const fetched = await fetchAttachment(ctx, file, LIBRARY_LIMITS.bundleBytes, request.lang);
    if (!fetched.ok) return respond.reply({ content: fetched.message, ephemeral: true });
    const outcome = await ctx.library.importZip(guildId, request.actor, fetched.bytes);
    if (outcome.kind !== "imported") return respond.reply(refusalView(outcome, request.lang));
    return respond.reply({
      content: l.importedBundle(outcome.articles, outcome.claims),
      ephemeral: true,
    });
  }
  if (!/\.ya?ml$/i.test(file.name))
    return respond.reply({ content: l.wrongFile(file.name, ".yaml / .zip"), ephemeral: true });
  const fetched = await fetchAttachment(ctx, file, LIBRARY_LIMITS.fileBytes, request.lang);
  if (!fetched.ok) return respond.reply({ content: fetched.message, ephemeral: true });
  if (fetched.text === undefined) return respond.reply({ content: l.notText, ephemeral: true });
  const article = str(request.options.article) ?? file.name.replace(/\.ya?ml$/i, "");
  const outcome = await ctx.proposals.importFile(
    guildId,
    request.actor,
    { filename: file.name, text: fetched.text },
    article,
  );
  if (outcome.kind === "unknown-article")
    return respond.reply({ content: l.importArticleNeeded(file.name), ephemeral: true });
  if (outcome.kind !== "imported") return respond.reply(refusalView(outcome, request.lang));
  await respond.reply({ content: l.imported(outcome.added, outcome.replaced), ephemeral: true });
}

async function removeOrShow(
  ctx: InteractionContext,
  request: CommandRequest,
  guildId: string,
  respond: Responder,
) {
  const l = libraryTexts(request.lang);
  const typed = str(request.options.article) ?? "";
  const outcome =
    request.subcommand === "show"
      ? await ctx.library.show(guildId, request.actor, typed)
      : await ctx.library.remove(guildId, request.actor, typed);
  if (!("title" in outcome)) return respond.reply(refusalView(outcome, request.lang));
  const content =
    outcome.kind === "removed"
      ? l.removed(outcome.title, outcome.claims)
      : outcome.kind === "hidden"
        ? l.hidden(outcome.title)
        : l.shown(outcome.title);
  await respond.reply({ content, ephemeral: true });
}

/** /library: a server's own articles and quiz claims, managed in Discord. */
export const libraryCommand: Command = {
  data: librarySpec,
  consoleArgs: [],
  async execute(ctx, request, respond) {
    const guildId = await serverOf(request, respond);
    if (guildId === null) return;
    const l = libraryTexts(request.lang);
    if (
      MODERATED.has(request.subcommand ?? "") &&
      (await librarianServer(ctx, request, respond)) === null
    )
      return;
    switch (request.subcommand) {
      case "add":
        return add(ctx, request, guildId, respond);
      case "import":
        return importFile(ctx, request, guildId, respond);
      case "remove":
      case "show":
        return removeOrShow(ctx, request, guildId, respond);
      case "export": {
        await respond.defer(true);
        const exported = await ctx.library.exportZip(guildId);
        if (exported.kind === "empty") return respond.reply({ content: l.empty, ephemeral: true });
        if (exported.kind !== "exported") return respond.reply(refusalView(exported, request.lang));
        return respond.reply({
          content: l.exported(exported.articles, exported.claims),
          files: [{ name: exported.filename, data: exported.data }],
          ephemeral: true,
        });
      }
      case "review": {
        const pending = await ctx.proposals.pending(guildId);
        const first = pending[0];
        if (!first) return respond.reply({ content: l.reviewEmpty, ephemeral: true });
        return respond.reply(proposalReviewView(first, pending.length, request.lang));
      }
      case "role": {
        const role = str(request.options.role) ?? null;
        const outcome = await ctx.library.setRole(guildId, request.actor, role);
        if (outcome.kind !== "set") return respond.reply(refusalView(outcome, request.lang));
        return respond.reply({ content: role ? l.roleSet : l.roleCleared, ephemeral: true });
      }
      default:
        return respond.reply(libraryListView(await ctx.library.list(guildId), request.lang));
    }
  },
  autocomplete(ctx, request) {
    if (request.option !== "article") return [];
    if (request.subcommand === "show" && request.guildId)
      return ctx.library
        .hidden(request.guildId)
        .filter((h) => h.articleId.includes(request.value.toLowerCase()))
        .slice(0, 25)
        .map((h) => ({
          name: h.title ? `${h.title} (${h.articleId})` : h.articleId,
          value: h.articleId,
        }));
    return articleChoices(ctx.corpus, request.value, request.guildId);
  },
};

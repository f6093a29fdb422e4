import { recordReviewAnswer } from "../quiz/store.ts";
import type { Question } from "../quiz/types.ts";
import { passageContext } from "./commands/cite.ts";
import { reviewQuestionView } from "./commands/review.ts";
import type { BotContext, ComponentRequest, Responder } from "./context.ts";
import { parseCustomId } from "./custom-id.ts";
import { texts } from "./i18n.ts";
import { citeView } from "./render/cite.ts";
import { LIMITS, truncate } from "./render/limits.ts";
import { plain } from "./render/markdown.ts";
import { COLOURS } from "./render/view.ts";

/** Buttons: /cite paging and context, quiz answers, review answers. Ids are validated first. */
export async function handleComponent(
  ctx: BotContext,
  request: ComponentRequest,
  respond: Responder,
): Promise<void> {
  const t = texts(request.lang);
  const id = parseCustomId(request.customId);
  const privately = (content: string) => respond.reply({ content, ephemeral: true });
  if (!id) return privately(t.expired);

  switch (id.kind) {
    case "cite": {
      const session = ctx.citeSessions.get(id.session);
      if (!session) return privately(t.expired);
      if (session.userId !== request.actor.id) return privately(t.notYours);
      const page = Math.min(Math.max(0, id.page), Math.max(0, session.results.length - 1));
      const result = session.results[page];
      const context =
        id.context && result ? passageContext(ctx, result.articleId, result.passageId) : undefined;
      return respond.update(
        citeView({
          session: id.session,
          query: session.query,
          results: session.results,
          page,
          lang: request.lang,
          context,
        }),
      );
    }
    case "quiz": {
      const current = ctx.quiz.current(request.channelId);
      if (
        !current ||
        current.roundId !== id.roundId ||
        current.position !== id.position ||
        !current.open
      ) {
        return privately(t.tooLate);
      }
      const result = ctx.quiz.answer(request.channelId, {
        userId: request.actor.id,
        userName: request.actor.name,
        option: id.option,
      });
      const message = {
        recorded: t.recorded,
        duplicate: t.alreadyAnswered,
        closed: t.tooLate,
        invalid: t.expired,
        "no-round": t.noRound,
      }[result.status];
      await privately(message);
      if (result.status === "recorded") ctx.runner.answered(request.channelId);
      return;
    }
    case "review": {
      const session = ctx.reviewSessions.get(id.session);
      if (!session) return privately(t.expired);
      if (session.userId !== request.actor.id) return privately(t.notYours);
      if (id.index !== session.answered) return privately(t.alreadyAnswered);
      const question = session.questions[id.index] as Question;
      if (id.option < 0 || id.option >= question.options.length) return privately(t.expired);
      const correct = id.option === question.correctIndex;
      recordReviewAnswer(ctx.db, request.actor.id, question.claimId, correct, ctx.clock());
      session.answered++;
      if (correct) session.correct++;
      const answer = question.options[question.correctIndex] as string;
      const feedback = `${correct ? t.right : t.wrong} ${t.answer}: ${answer}\n> ${plain(question.citation.quote)}`;
      if (session.answered < session.questions.length) {
        return respond.update(
          reviewQuestionView(
            id.session,
            session.questions,
            session.answered,
            request.lang,
            truncate(feedback, 1800),
          ),
        );
      }
      ctx.reviewSessions.delete(id.session);
      return respond.update({
        ephemeral: true,
        content: truncate(feedback, LIMITS.content),
        embeds: [
          {
            color: COLOURS.right,
            title: t.reviewDone,
            description: `${session.correct}/${session.questions.length}`,
          },
        ],
        components: [],
      });
    }
  }
}

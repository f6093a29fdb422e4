import type { Lang, Question } from "../../quiz/types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import type { Text, View } from "../view.ts";
import { optionKey, optionLabel } from "./option-keys.ts";

/** One question of a private review round, with its buttons (and the previous answer's result). */
export function reviewQuestionView(
  session: string,
  questions: readonly Question[],
  index: number,
  lang: Lang,
  feedback?: Text,
): View {
  const t = texts(lang);
  const q = questions[index] as Question;
  return {
    ephemeral: true,
    ...(feedback ? { content: feedback } : {}),
    cards: [{ colour: "quiz", title: t.review(index + 1, questions.length), body: q.prompt }],
    buttons: [
      q.options.map((option, i) => ({
        style: "secondary",
        label: optionLabel(q.kind, i, option),
        key: optionKey(q.kind, i),
        customId: encodeCustomId({ kind: "review", session, index, option: i }),
      })),
    ],
  };
}

/** Right or wrong, the right answer and the passage that proves it. */
export function reviewFeedback(question: Question, correct: boolean, lang: Lang): Text {
  const t = texts(lang);
  const answer = question.options[question.correctIndex] as string;
  return [
    `${correct ? t.right : t.wrong} ${t.answer}: ${answer}\n`,
    { quote: [question.citation.quote] },
  ];
}

export function reviewDoneView(feedback: Text, correct: number, total: number, lang: Lang): View {
  return {
    ephemeral: true,
    content: feedback,
    cards: [{ colour: "right", title: texts(lang).reviewDone, body: `${correct}/${total}` }],
    buttons: [],
  };
}

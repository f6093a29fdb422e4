import type { Lang } from "../../quiz/types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { libraryTexts } from "../texts/library.ts";
import type { Form } from "../view.ts";

/** The fields of the proposal form, by id. */
export const PROPOSAL_FIELDS = {
  quote: "quote",
  questionDe: "question_de",
  questionEn: "question_en",
  answers: "answers",
  distractors: "distractors",
} as const;

/** A quote holds at most this much of the passage (the claims format's limit). */
const QUOTE_MAX = 1000;

/** The form to propose a quiz question on a cited passage, its quote filled in. */
export function proposalForm(
  id: { session: string; page: number; type: number },
  passage: string,
  lang: Lang,
): Form {
  const l = libraryTexts(lang);
  return {
    customId: encodeCustomId({
      session: id.session,
      page: id.page,
      type: id.type,
      kind: "proposal",
    }),
    title: l.formTitle,
    fields: [
      {
        id: PROPOSAL_FIELDS.quote,
        label: l.quoteLabel,
        long: true,
        maxLength: QUOTE_MAX,
        value: passage.slice(0, QUOTE_MAX),
      },
      { id: PROPOSAL_FIELDS.questionDe, label: l.questionDeLabel, long: false, maxLength: 300 },
      {
        id: PROPOSAL_FIELDS.questionEn,
        label: l.questionEnLabel,
        long: false,
        maxLength: 300,
        optional: true,
      },
      { id: PROPOSAL_FIELDS.answers, label: l.answerLabel, long: true, maxLength: 500 },
      {
        id: PROPOSAL_FIELDS.distractors,
        label: l.distractorsLabel,
        long: true,
        maxLength: 500,
        optional: true,
      },
    ],
  };
}

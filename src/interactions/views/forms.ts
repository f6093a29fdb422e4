import type { Lang } from "../../quiz/types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { texts } from "../i18n.ts";
import type { Form } from "../view.ts";

/** Long enough for any answer with its words; short enough to stay an answer. */
export const ANSWER_MAX_LENGTH = 100;
/** A reason is a sentence or two. */
export const REASON_MAX_LENGTH = 500;

export const ANSWER_FIELD = "answer";
export const REASON_FIELD = "reason";

/** The form a player types an answer into. */
export function answerForm(roundId: number, position: number, lang: Lang): Form {
  const t = texts(lang);
  return {
    customId: encodeCustomId({ kind: "answer", roundId, position }),
    title: t.answerTitle,
    fields: [{ id: ANSWER_FIELD, label: t.answerLabel, long: false, maxLength: ANSWER_MAX_LENGTH }],
  };
}

/** The form a player says what is wrong with a question in. */
export function reasonForm(roundId: number, position: number, lang: Lang): Form {
  const t = texts(lang);
  return {
    customId: encodeCustomId({ kind: "reason", roundId, position }),
    title: t.reportTitle,
    fields: [{ id: REASON_FIELD, label: t.reportLabel, long: true, maxLength: REASON_MAX_LENGTH }],
  };
}

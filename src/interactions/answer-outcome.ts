import type { AnswerResult } from "../quiz/round-types.ts";
import type { Texts } from "./i18n.ts";
import { notStoredText } from "./not-stored.ts";

/** What a player is told privately about their answer, clicked or typed. */
export function answerOutcome(t: Texts, status: AnswerResult["status"], recorded: string): string {
  return {
    recorded,
    duplicate: t.alreadyAnswered,
    closed: t.tooLate,
    invalid: t.expired,
    "no-round": t.noRound,
    "not-stored": notStoredText(t, "failed"),
    full: notStoredText(t, "full"),
    unavailable: notStoredText(t, "gone"),
  }[status];
}

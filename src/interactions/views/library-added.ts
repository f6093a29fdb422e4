import type { AddOutcome } from "../../library/library.ts";
import type { Lang } from "../../quiz/types.ts";
import { encodeCustomId } from "../custom-id.ts";
import { libraryTexts } from "../texts/library.ts";
import type { Form, View } from "../view.ts";
import { refusalView } from "./library.ts";

/** What adding an article came to. */
export function addedView(outcome: AddOutcome, lang: Lang): View {
  const l = libraryTexts(lang);
  // Only when a title was given and was empty after trimming: ask again.
  if (outcome.kind === "needs-title") return { content: l.titleLabel, ephemeral: true };
  if (!("slug" in outcome)) return refusalView(outcome, lang);
  const told = outcome.kind === "added" ? l.added : l.replaced;
  return { content: told(outcome.title, outcome.passages), ephemeral: true };
}

/** Asks for the title of an uploaded article that states none, with a guess filled in. */
export function titleForm(session: string, suggestion: string, lang: Lang): Form {
  const l = libraryTexts(lang);
  return {
    customId: encodeCustomId({ kind: "title", session }),
    title: l.titleForm,
    fields: [{ id: "title", label: l.titleLabel, long: false, maxLength: 300, value: suggestion }],
  };
}

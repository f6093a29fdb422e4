import type { Lang } from "../quiz/types.ts";
import { de } from "./texts/de.ts";
import { en } from "./texts/en.ts";
import type { Strings } from "./texts/strings.ts";

/** German for German-speaking Discord clients, English for everyone else. */
export function langOf(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith("de") ? "de" : "en";
}

export type Texts = Strings;

export function texts(lang: Lang): Texts {
  return lang === "de" ? (de as unknown as Texts) : en;
}

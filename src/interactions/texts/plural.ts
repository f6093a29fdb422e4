const rules = { de: new Intl.PluralRules("de"), en: new Intl.PluralRules("en") };

/** The form of a word that goes with `n` in a language ("1 Frage", "5 Fragen"). */
export function plural(
  lang: "de" | "en",
  n: number,
  forms: { one: string; other: string },
): string {
  return rules[lang].select(n) === "one" ? forms.one : forms.other;
}

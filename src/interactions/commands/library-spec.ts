import type { CommandSpec, OptionSpec } from "../command-spec.ts";

const file = (en: string, de: string): OptionSpec => ({
  name: "file",
  nameDe: "datei",
  type: "attachment",
  required: true,
  description: { en, de },
});

const article = (en: string, de: string, required: boolean): OptionSpec => ({
  name: "article",
  nameDe: "artikel",
  type: "string",
  required,
  autocomplete: true,
  description: { en, de },
});

/** /library's subcommands and options (its handlers are in library.ts). */
export const librarySpec: CommandSpec = {
  name: "library",
  nameDe: "bibliothek",
  description: {
    en: "This server's own articles and quiz questions",
    de: "Eigene Artikel und Quizfragen dieses Servers",
  },
  where: "guild",
  subcommands: [
    {
      name: "add",
      nameDe: "hinzufuegen",
      description: {
        en: "Add an article (.md or .txt)",
        de: "Einen Artikel hinzufügen (.md oder .txt)",
      },
      options: [
        file(
          "The article, in the corpus format or plain text",
          "Der Artikel, im Korpusformat oder als Text",
        ),
        {
          name: "title",
          nameDe: "titel",
          type: "string",
          maxLength: 300,
          description: {
            en: "Its title, if the file states none",
            de: "Sein Titel, falls die Datei keinen nennt",
          },
        },
      ],
    },
    {
      name: "list",
      nameDe: "liste",
      description: {
        en: "This server's articles, questions and history",
        de: "Artikel, Fragen und Verlauf dieses Servers",
      },
    },
    {
      name: "remove",
      nameDe: "entfernen",
      description: {
        en: "Remove an own article, or hide a shared one here",
        de: "Einen eigenen Artikel entfernen oder einen geteilten hier ausblenden",
      },
      options: [article("The article", "Der Artikel", true)],
    },
    {
      name: "show",
      nameDe: "zeigen",
      description: {
        en: "Show a hidden shared article again",
        de: "Einen ausgeblendeten Artikel wieder zeigen",
      },
      options: [article("The hidden article", "Der ausgeblendete Artikel", true)],
    },
    {
      name: "export",
      nameDe: "exportieren",
      description: {
        en: "The library as a zip in the corpus formats",
        de: "Die Bibliothek als Zip im Korpusformat",
      },
    },
    {
      name: "import",
      nameDe: "importieren",
      description: {
        en: "Import a claims file (.yaml) or a library export (.zip)",
        de: "Eine Fragendatei (.yaml) oder einen Bibliotheksexport (.zip) einlesen",
      },
      options: [
        file("The .yaml or .zip file", "Die .yaml- oder .zip-Datei"),
        article(
          "For a .yaml: its article (else its file name)",
          "Bei .yaml: sein Artikel (sonst der Dateiname)",
          false,
        ),
      ],
    },
    {
      name: "review",
      nameDe: "pruefen",
      description: {
        en: "Approve or reject proposed questions",
        de: "Vorgeschlagene Fragen freigeben oder ablehnen",
      },
    },
    {
      name: "role",
      nameDe: "rolle",
      description: {
        en: "The role that may manage the library (besides Manage Server)",
        de: "Die Rolle, die die Bibliothek verwalten darf (neben „Server verwalten“)",
      },
      options: [
        {
          name: "role",
          nameDe: "rolle",
          type: "role",
          description: { en: "Leave out to clear it", de: "Weglassen, um sie zu entfernen" },
        },
      ],
    },
  ],
};

import type { ZipProblem } from "../../library/bundle.ts";
import type { Lang } from "../../quiz/types.ts";

const kB = (bytes: number) => Math.round(bytes / 1000).toLocaleString("de-DE");
const kBen = (bytes: number) => Math.round(bytes / 1000).toLocaleString("en-GB");

/** Why a library zip was refused, one line each, naming the entry where there is one. */
const de = (p: ZipProblem): string => {
  switch (p.kind) {
    case "unreadable":
      return "Das ist keine Zip-Datei, die sich lesen lässt.";
    case "too-many-files":
      return `Die Zip-Datei hat mehr als ${p.limit} Dateien.`;
    case "unexpected-path":
      return `${p.entry}: nicht articles/<id>.md oder claims/<artikel-id>.yaml.`;
    case "unsupported":
      return `${p.entry}: verschlüsselt oder mit einem Verfahren gepackt, das ich nicht lese.`;
    case "file-too-large":
      return `${p.entry}: größer als ${kB(p.limit)} kB.`;
    case "total-too-large":
      return `Die Dateien der Zip-Datei sind zusammen größer als ${kB(p.limit)} kB.`;
    case "size-mismatch":
      return `${p.entry}: ist nicht so groß, wie die Zip-Datei angibt (${p.declared} Bytes).`;
    case "not-utf8":
      return `${p.entry}: kein UTF-8-Text.`;
    case "duplicate":
      return `${p.entry}: steht mehr als einmal in der Zip-Datei.`;
  }
};

const en = (p: ZipProblem): string => {
  switch (p.kind) {
    case "unreadable":
      return "This is not a zip file that can be read.";
    case "too-many-files":
      return `The zip holds more than ${p.limit} files.`;
    case "unexpected-path":
      return `${p.entry}: not articles/<id>.md or claims/<article-id>.yaml.`;
    case "unsupported":
      return `${p.entry}: encrypted, or packed by a method I do not read.`;
    case "file-too-large":
      return `${p.entry}: larger than ${kBen(p.limit)} kB.`;
    case "total-too-large":
      return `The zip's files together are larger than ${kBen(p.limit)} kB.`;
    case "size-mismatch":
      return `${p.entry}: not the size the zip declares for it (${p.declared} bytes).`;
    case "not-utf8":
      return `${p.entry}: not UTF-8 text.`;
    case "duplicate":
      return `${p.entry}: is in the zip more than once.`;
  }
};

export function zipProblemText(problem: ZipProblem, lang: Lang): string {
  return lang === "de" ? de(problem) : en(problem);
}

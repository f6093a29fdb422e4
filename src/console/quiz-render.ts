import type { OpenedQuestion, RevealResult } from "../quiz/service.ts";
import type { Standing } from "../quiz/store.ts";
import type { Lang } from "../quiz/types.ts";

const LETTERS = ["A", "B", "C", "D", "E", "F"];

/** The key a player types for an option: A–D, or T/F for true/false. */
export function optionKeys(kind: "mc" | "tf"): readonly string[] {
  return kind === "tf" ? ["T", "F"] : LETTERS;
}

/** Reads a typed key as an option index: A–D or 1–4; T/W/J/Y for true, F/N for false. */
export function parseOptionKey(
  input: string,
  kind: "mc" | "tf",
  optionCount: number,
): number | undefined {
  const key = input.trim().toUpperCase();
  if (kind === "tf") {
    if (["T", "W", "J", "Y", "1"].includes(key)) return 0;
    if (["F", "N", "2"].includes(key)) return 1;
    return undefined;
  }
  const index = /^\d$/.test(key) ? Number(key) - 1 : LETTERS.indexOf(key);
  return index >= 0 && index < optionCount ? index : undefined;
}

const TEXT = {
  de: {
    question: "Frage",
    trueFalse: "Wahr oder falsch?",
    right: "Richtig",
    answer: "Antwort",
    evidence: "Beleg",
    standings: "Endstand",
    nobody: "Niemand hat geantwortet.",
    points: "Punkte",
  },
  en: {
    question: "Question",
    trueFalse: "True or false?",
    right: "Right",
    answer: "Answer",
    evidence: "Evidence",
    standings: "Final standings",
    nobody: "Nobody answered.",
    points: "points",
  },
} as const;

export function renderQuestion(q: OpenedQuestion, lang: Lang): string {
  const t = TEXT[lang];
  const keys = optionKeys(q.question.kind);
  const head = `${t.question} ${q.position + 1}/${q.total}${q.question.kind === "tf" ? ` — ${t.trueFalse}` : ""}`;
  const options = q.question.options.map((o, i) => `  ${keys[i]}) ${o}`).join("\n");
  return `${head}\n${q.question.prompt}\n${options}\n`;
}

export function renderReveal(r: RevealResult, lang: Lang, source: string): string {
  const t = TEXT[lang];
  const keys = optionKeys(r.question.kind);
  const right = `${keys[r.question.correctIndex]}) ${r.question.options[r.question.correctIndex]}`;
  const counts = r.question.options.map((_, i) => `${keys[i]}: ${r.counts[i] ?? 0}`).join("  ");
  const who = r.rightNames.length > 0 ? `${t.right}: ${r.rightNames.join(", ")}` : "";
  return `${t.answer}: ${right}   (${counts})\n${who ? `${who}\n` : ""}${t.evidence}: »${r.question.citation.quote}«\n  — ${source}\n`;
}

/** The player's own result, right after answering. */
export function renderOwnResult(correct: boolean, points: number, lang: Lang): string {
  if (lang === "de") return correct ? `Richtig! +${points} Punkte\n` : "Leider falsch.\n";
  return correct ? `Right! +${points} points\n` : "Wrong.\n";
}

export function renderStandings(standings: readonly Standing[], lang: Lang): string {
  const t = TEXT[lang];
  if (standings.length === 0) return `${t.standings}: ${t.nobody}\n`;
  const lines = standings.map(
    (s, i) => `  ${i + 1}. ${s.userName} — ${s.points} ${t.points} (${s.correct}/${s.answered})`,
  );
  return `${t.standings}:\n${lines.join("\n")}\n`;
}

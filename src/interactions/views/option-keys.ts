import type { QuestionKind } from "../../quiz/types.ts";

const LETTERS = ["A", "B", "C", "D", "E", "F"] as const;
const TRUE_FALSE = ["T", "F"] as const;

/** The key of an answer option: A–D for multiple choice, T/F for true/false. */
export function optionKey(kind: QuestionKind, index: number): string {
  return (kind === "tf" ? TRUE_FALSE[index] : LETTERS[index]) ?? String(index + 1);
}

/** An answer button's label: "A · Jeff Bezos", or just "Wahr" for true/false. */
export function optionLabel(kind: QuestionKind, index: number, option: string): string {
  return kind === "tf" ? option : `${optionKey(kind, index)} · ${option}`;
}

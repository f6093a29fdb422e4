import type { Command } from "../context.ts";
import { citeCommand } from "./cite.ts";
import { dailyCommand } from "./daily.ts";
import { findSourceCommand } from "./find-source.ts";
import { helpCommand } from "./help.ts";
import { libraryCommand } from "./library.ts";
import { quizCommand } from "./quiz.ts";
import { reviewCommand } from "./review.ts";
import { leaderboardCommand, statsCommand } from "./scores.ts";
import { sourceCommand } from "./source.ts";

/** Every slash command, registered from this one list. */
export const COMMANDS: readonly Command[] = [
  citeCommand,
  sourceCommand,
  quizCommand,
  leaderboardCommand,
  statsCommand,
  reviewCommand,
  helpCommand,
  findSourceCommand,
  libraryCommand,
  dailyCommand,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.data.name === name);
}

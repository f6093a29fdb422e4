const DAY = 24 * 60 * 60_000;

/**
 * How long an ended round is kept whole. After that only what standings, statistics and reports
 * still need stays: /leaderboard (all time: scores; week and today: answers), /stats (scores,
 * and answers with the questions they answered, for topics and rounds played) and review cards
 * never lose a row. What goes: questions of ended rounds that were never posted (nobody answered
 * or reported them), and ended rounds in which nobody answered and no report is open (a round
 * started and stopped at once, say).
 */
export const ROUND_RETENTION_MS = 30 * DAY;
/** How often a running process prunes (it also does on start). */
export const PRUNE_EVERY_MS = 60 * 60_000;

/** Points of PRODUCT.md: 100 a right answer, up to 50 for speed, 10 a streak step up to 50. */
/** An answer that arrives this long after the deadline (network, clocks) still counts. */
export const LATE_GRACE_MS = 500;

export const POINTS = {
  right: 100,
  maxSpeedBonus: 50,
  streakStep: 10,
  maxStreakBonus: 50,
} as const;

export interface AnswerScore {
  readonly points: number;
  readonly speedBonus: number;
  readonly streakBonus: number;
  /** Consecutive right answers in this round, this one included (0 after a wrong one). */
  readonly streak: number;
}

/**
 * Scores one answer. The speed bonus falls linearly from 50 (instant) to 0 (at the deadline);
 * the streak bonus counts the right answers directly before this one in the round.
 */
export function scoreAnswer(input: {
  correct: boolean;
  responseMs: number;
  windowMs: number;
  streakBefore: number;
}): AnswerScore {
  if (!input.correct) return { points: 0, speedBonus: 0, streakBonus: 0, streak: 0 };
  const remaining =
    input.windowMs > 0
      ? 1 - Math.min(Math.max(input.responseMs, 0), input.windowMs) / input.windowMs
      : 0;
  const speedBonus = Math.round(POINTS.maxSpeedBonus * remaining);
  const streakBonus = Math.min(
    POINTS.maxStreakBonus,
    POINTS.streakStep * Math.max(0, input.streakBefore),
  );
  return {
    points: POINTS.right + speedBonus + streakBonus,
    speedBonus,
    streakBonus,
    streak: input.streakBefore + 1,
  };
}

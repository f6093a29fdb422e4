import { type Card, createEmptyCard, fsrs, Rating, type State } from "ts-fsrs";

/** FSRS scheduler; no fuzz, so schedules are reproducible in tests. */
const scheduler = fsrs({ enable_fuzz: false });

/** The review state stored per user and claim (dates as epoch milliseconds). */
export interface ReviewState {
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  misses: number;
  state: number;
  lastReview: number | null;
}

function toCard(s: ReviewState): Card {
  return {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsedDays,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state as State,
    ...(s.lastReview === null ? {} : { last_review: new Date(s.lastReview) }),
  };
}

/** The next review state after an answer: a right one is "Good", a wrong one "Again". */
export function scheduleReview(
  previous: ReviewState | undefined,
  correct: boolean,
  now: number,
): ReviewState {
  const card = previous ? toCard(previous) : createEmptyCard(new Date(now));
  const next = scheduler.next(card, new Date(now), correct ? Rating.Good : Rating.Again).card;
  return {
    due: next.due.getTime(),
    stability: next.stability,
    difficulty: next.difficulty,
    elapsedDays: next.elapsed_days,
    scheduledDays: next.scheduled_days,
    learningSteps: next.learning_steps,
    reps: next.reps,
    lapses: next.lapses,
    misses: (previous?.misses ?? 0) + (correct ? 0 : 1),
    state: next.state,
    lastReview: next.last_review ? next.last_review.getTime() : now,
  };
}

import type { CorpusReader } from "../corpus/reader.ts";
import type { AttachmentFetcher } from "../library/download.ts";
import type { Library } from "../library/library.ts";
import type { Proposals } from "../library/proposals.ts";
import type { Logger } from "../logger.ts";
import type { DailyQuestions } from "../quiz/daily.ts";
import type { Reports } from "../quiz/reports.ts";
import type { Reviews } from "../quiz/reviews.ts";
import type { QuizService } from "../quiz/service.ts";
import type { Scoreboard } from "../quiz/standings.ts";
import type { Question } from "../quiz/types.ts";
import type { SearchIndex, SearchResult } from "../search/types.ts";
import type { CommandSpec } from "./command-spec.ts";
import type { DailyRunner } from "./daily-runner.ts";
import type { QuizRunner } from "./quiz-runner.ts";
import type {
  Attachment,
  AutocompleteRequest,
  Choice,
  CommandRequest,
  Responder,
} from "./request.ts";
import type { SessionStore } from "./sessions.ts";

export interface CiteSession {
  readonly userId: string;
  readonly query: string;
  readonly results: readonly SearchResult[];
  /** Answered privately: its asker may show a result to the channel. */
  readonly private: boolean;
}

/** An uploaded article waiting for the title its uploader is asked for. */
export interface UploadSession {
  readonly userId: string;
  readonly guildId: string;
  readonly attachment: Attachment;
}

export interface ReviewSession {
  readonly userId: string;
  readonly questions: readonly Question[];
  answered: number;
  correct: number;
}

/**
 * Everything a command or button may use, built once by the wiring (src/app.ts) and passed in.
 * Persistence is reached only through these services and readers, never by SQL here.
 */
export interface InteractionContext {
  readonly search: SearchIndex;
  readonly corpus: CorpusReader;
  readonly quiz: QuizService;
  readonly scores: Scoreboard;
  readonly reviews: Reviews;
  readonly reports: Reports;
  readonly library: Library;
  readonly proposals: Proposals;
  /** Fetches files attached to commands (Discord's attachment addresses only). */
  readonly attachments: AttachmentFetcher;
  readonly uploads: SessionStore<UploadSession>;
  readonly runner: QuizRunner;
  /** The question of the day's rules and state (answers, schedules, streaks). */
  readonly daily: DailyQuestions;
  /** Posts and reveals the questions of the day; the bot starts it, the console does not. */
  readonly dailyRunner: DailyRunner;
  readonly citeSessions: SessionStore<CiteSession>;
  readonly reviewSessions: SessionStore<ReviewSession>;
  readonly logger: Logger;
  readonly clock: () => number;
}

export interface Command {
  readonly data: CommandSpec;
  /** Options the console fills from plain words after the command, in order. */
  readonly consoleArgs: readonly string[];
  execute(ctx: InteractionContext, request: CommandRequest, respond: Responder): Promise<void>;
  autocomplete?(ctx: InteractionContext, request: AutocompleteRequest): Choice[];
}

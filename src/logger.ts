import { type Logger, pino } from "pino";

export type { Logger };

/** Structured logs on stderr, so stdout stays free for CLI output and JSON. */
export function createLogger(level: string): Logger {
  return pino(
    { level, redact: { paths: ["token", "*.token", "config.discordToken"], censor: "[redacted]" } },
    pino.destination(2),
  );
}

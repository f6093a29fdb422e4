import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger };

/**
 * Tokens never reach a log line: interaction and webhook tokens sit in the URLs of failed
 * Discord calls (which errors carry), a bot token may appear in a header or a message. Every
 * line is scrubbed on its way out, whatever logged it.
 */
const TOKEN_PATTERNS: readonly [RegExp, string][] = [
  [/(\/(?:interactions|webhooks)\/\d+\/)[^/"\s?\\]+/g, "$1[token]"],
  [/\b[\w-]{24,}\.[\w-]{6}\.[\w-]{27,}\b/g, "[token]"],
  [/\b(Bot|Bearer) [\w.-]{20,}/g, "$1 [token]"],
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function scrubSecrets(line: string, secrets: readonly string[] = []): string {
  let out = line;
  for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.replace(new RegExp(escapeRegExp(secret), "g"), "[redacted]");
  }
  return out;
}

/** Structured logs on stderr (or `destination`), so stdout stays free for CLI output and JSON. */
export function createLogger(
  level: string,
  options: { secrets?: readonly (string | undefined)[]; destination?: DestinationStream } = {},
): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === "string");
  const destination = options.destination ?? pino.destination(2);
  return pino(
    { level, redact: { paths: ["token", "*.token", "config.discordToken"], censor: "[redacted]" } },
    { write: (line: string) => destination.write(scrubSecrets(line, secrets)) },
  );
}

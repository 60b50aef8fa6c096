// What the app logs, as tests read it: every line the real logger serializes, at `level` and above,
// collected instead of written to stdout until stop() (tests otherwise run with LOG_LEVEL=silent).
import { collectLogLines, logger } from "../../app/logging/logger.server";

export interface CapturedLogs {
  /** Every line as written (JSON text, one per line). */
  text(): string;
  /** Every line, parsed. */
  lines(): Record<string, unknown>[];
  clear(): void;
  stop(): void;
}

export function captureLogs(level = "debug"): CapturedLogs {
  const written: string[] = [];
  const previousLevel = logger.level;
  logger.level = level;
  const restore = collectLogLines((line) => void written.push(line));
  return {
    text: () => written.join(""),
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
    clear: () => void written.splice(0),
    stop() {
      restore();
      logger.level = previousLevel;
    },
  };
}

// The app's one logger. Operators running many shops on a few instances need lines a log pipeline
// can filter by shop, request, event and waybill, not free text: pino writes one JSON object per
// line to stdout, with the level as a word and an ISO time. Every thread logs through this module
// (the worker thread loads its own copy of the build, and its lines say "thread":"worker").
//
// What is logged is decided where it happens; what is never logged is decided here and by the
// callers together: no secret, token, session token or raw body (app/logging/log-safety.test.ts
// drives the paths that hold them and reads every line). Text that arrived from outside (waybills,
// event ids, error messages) goes through printable() first: JSON escapes control characters but
// not bidi overrides, and the pretty output of development escapes neither.
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { hostname } from "node:os";
import { isMainThread } from "node:worker_threads";
import { pino, type DestinationStream, type Logger } from "pino";
import type PinoPretty from "pino-pretty";
import { env } from "../env.server";
import { printable, printableError } from "../log-text";

export type { Logger };

/** Fields that say what a line is about; set per request or per event, inherited by every line logged inside it. */
export interface LogContext {
  requestId?: string;
  shop?: string;
  /** Wakilni's event id. */
  event?: string;
  waybill?: string;
}

const contexts = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `context` added to every line it logs, however deep and however asynchronous. */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return contexts.run({ ...contexts.getStore(), ...context }, work);
}

/** Adds fields to the current context (a webhook learns its shop after the request began). */
export function addLogContext(context: LogContext): void {
  const current = contexts.getStore();
  if (current) Object.assign(current, context);
}

/**
 * pino-pretty is a development dependency: loaded only in development, and only if installed,
 * so production never needs it. Synchronous, like the JSON destination, so a crash loses no line.
 */
function prettyDestination(): DestinationStream | null {
  try {
    const pretty = createRequire(import.meta.url)("pino-pretty") as typeof PinoPretty;
    return pretty({ colorize: true, sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return null;
  }
}

function stdoutDestination(): DestinationStream {
  return (env.NODE_ENV === "development" && prettyDestination()) || pino.destination({ dest: 1, sync: true });
}

let destination: DestinationStream = stdoutDestination();

/**
 * Sends every line to `collect` instead of stdout until the returned function is called. For tests
 * that read the log (the lines are the real ones, serialized by the real logger).
 */
export function collectLogLines(collect: (line: string) => void): () => void {
  const previous = destination;
  destination = { write: collect };
  return () => {
    destination = previous;
  };
}

export const logger: Logger = pino(
  {
    level: env.LOG_LEVEL,
    base: { pid: process.pid, hostname: hostname(), ...(isMainThread ? {} : { thread: "worker" }) },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => contexts.getStore() ?? {},
    // An `err` field is an Error turned into printable text, never pino's serializer (which would
    // copy every own property of the error, a request or a response among them).
    serializers: { err: (error: unknown) => printableError(error) },
  },
  { write: (line: string) => destination.write(line) },
);

/**
 * JSON Web Tokens (Shopify's session tokens) and Shopify access tokens, wherever they appear in a
 * text: the shopify-app library puts the session token in one of its debug lines.
 */
const TOKEN_PATTERN = /eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}|\bshp(?:at|ca|pa|ss)_[A-Za-z0-9]+/g;

/** The text with every token in it replaced by "[token]", then made printable. */
export const withoutTokens = (text: string): string => printable(text.replace(TOKEN_PATTERN, "[token]"));

/** Text from outside (a payload field, a header) as a log field: printable, bounded. */
export const logText = (text: string | null | undefined): string | undefined => (text == null ? undefined : printable(text));

// The operator's command line as words: which commands exist, what each takes, the usage text,
// and argv read into a command or refused with a UsageError that says what is wrong. Pure (no
// database, no environment), so the usage can be printed and input refused before the app's
// modules, which validate the environment, are loaded.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { INBOX_STATES, RETRYABLE_STATES, isInboxState, type InboxState } from "../inbox/inbox-states";

/** Input the command line refuses; it is printed with the usage and nothing is changed. */
export class UsageError extends Error {
  readonly name = "UsageError";
}

export type OperatorCommand =
  | { name: "help" }
  | { name: "events"; shop: string; state: InboxState | null; limit: number }
  | { name: "retry"; eventId: number; shop: string | null }
  | { name: "link"; shop: string; waybill: string; orderReference: string }
  | { name: "unlink"; shop: string; waybill: string };

type Options = NonNullable<ParseArgsConfig["options"]>;

const SHOP_OPTION: Options = { shop: { type: "string" } };

interface CommandSyntax {
  form: string;
  summary: string;
  options: Options;
  positionals: number;
}

const COMMANDS: Record<Exclude<OperatorCommand["name"], "help">, CommandSyntax> = {
  events: {
    form: `events [--shop S] [--state ${INBOX_STATES.join("|")}] [--limit N]`,
    summary: "the shop's latest events, oldest first, with what the sync engine did with each",
    options: { ...SHOP_OPTION, state: { type: "string" }, limit: { type: "string" } },
    positionals: 0,
  },
  retry: {
    form: "retry <event id> [--shop S]",
    summary: `queues an event again (${RETRYABLE_STATES.join(", ")})`,
    options: SHOP_OPTION,
    positionals: 1,
  },
  link: {
    form: "link <waybill> <order name, number or id> [--shop S]",
    summary: "the waybill's events go to that order, its parked ones at once",
    options: SHOP_OPTION,
    positionals: 2,
  },
  unlink: {
    form: "unlink <waybill> [--shop S]",
    summary: "undoes a link to the wrong order: the app's changes there taken back, the events parked until the next link",
    options: SHOP_OPTION,
    positionals: 1,
  },
};

export const DEFAULT_EVENT_LIMIT = 50;

const HELP_WORDS = new Set(["help", "--help", "-h"]);

export function isHelpRequest(word: string): boolean {
  return HELP_WORDS.has(word);
}

export function isOperatorCommandName(word: string): boolean {
  return isHelpRequest(word) || Object.hasOwn(COMMANDS, word);
}

/** The usage lines of every command, after `program` (how the operator started the tool). */
export function operatorUsage(program: string, extraCommands: string[] = []): string {
  return [
    `usage: ${program} <command>`,
    ...extraCommands.map((line) => `  ${line}`),
    ...Object.values(COMMANDS).map((command) => `  ${command.form}\n      ${command.summary}`),
    "--shop is the shop's myshopify.com domain (retry reads it from the event).",
  ].join("\n");
}

function positiveWholeNumber(text: string, what: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`${what} must be a positive whole number, not "${text}"`);
  return value;
}

function nonEmpty(text: string, what: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new UsageError(`${what} must not be empty`);
  return trimmed;
}

/**
 * Reads argv (without node and the script) into a command. `defaultShop` stands in for a missing
 * --shop (the demo's shop); elsewhere a command that acts on one shop requires it.
 */
export function parseOperatorArguments(argv: readonly string[], defaults: { shop?: string } = {}): OperatorCommand {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError("no command given");
  if (isHelpRequest(name)) return { name: "help" };
  if (!Object.hasOwn(COMMANDS, name)) throw new UsageError(`unknown command "${name}"`);
  const command = name as keyof typeof COMMANDS;
  const syntax = COMMANDS[command];
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...rest], options: syntax.options, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util names the offending option in its message; its error code is not worth showing.
    throw new UsageError(`${name}: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== syntax.positionals) {
    throw new UsageError(`${name} takes ${syntax.positionals || "no"} argument(s), got ${positionals.length}: ${syntax.form}`);
  }
  const shopOption = typeof values.shop === "string" ? nonEmpty(values.shop, "--shop") : undefined;
  const requiredShop = () => {
    const shop = shopOption ?? defaults.shop;
    if (!shop) throw new UsageError(`${name} needs --shop (the shop's myshopify.com domain)`);
    return shop;
  };

  switch (command) {
    case "events": {
      const state = typeof values.state === "string" ? values.state : null;
      if (state !== null && !isInboxState(state)) throw new UsageError(`--state must be one of ${INBOX_STATES.join(", ")}, not "${state}"`);
      const limit = typeof values.limit === "string" ? positiveWholeNumber(values.limit, "--limit") : DEFAULT_EVENT_LIMIT;
      return { name: command, shop: requiredShop(), state, limit };
    }
    case "retry":
      return { name: command, eventId: positiveWholeNumber(positionals[0], "the event id"), shop: shopOption ?? null };
    case "link":
      return {
        name: command,
        shop: requiredShop(),
        waybill: nonEmpty(positionals[0], "the waybill"),
        orderReference: nonEmpty(positionals[1], "the order"),
      };
    case "unlink":
      return { name: command, shop: requiredShop(), waybill: nonEmpty(positionals[0], "the waybill") };
  }
}

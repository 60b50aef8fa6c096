// The operator's command line against the installation's database: list a shop's events with
// what the sync engine did with them, retry one, link a waybill to an order or undo a link to the
// wrong one. A production tool:
// entry.server.tsx exports it, so scripts/wakilni-operator.mjs runs it from the server build
// with plain node (no dev dependency) and the app's own environment; in development
// sandbox/wakilni-cli.ts runs it with tsx against the demo. It reads and writes only through the
// inbox store and the link functions, which check the state they change, so running it beside
// a live worker is safe. The running app's worker is in another process: it finds re-queued
// events at its next poll.
import { databaseReady, prisma } from "../db.server";
import { RETRYABLE_STATES } from "../inbox/inbox-states";
import { latestTimelineOutcomes, listShopEvents, shopOfEvent } from "../inbox/inbox-store.server";
import { retryInboxEvent } from "../inbox/manual-retry.server";
import { LinkError, linkWaybillToOrder, unlinkWaybill } from "../sync/link-waybill.server";
import { formatEventTable } from "./event-table";
import { UsageError, operatorUsage, parseOperatorArguments, type OperatorCommand } from "./operator-arguments";
import { printable } from "../log-text";

export interface OperatorTerminal {
  out(line: string): void;
  err(line: string): void;
}

export interface OperatorRun {
  /** How the operator started the tool, for the usage text ("npm run operator --"). */
  program: string;
  terminal: OperatorTerminal;
  now: () => Date;
  /** The shop of a command without --shop (the demo's); none in production. */
  defaultShop?: string;
  /** Usage lines of commands a wrapper adds in front of these (the sandbox's `send`). */
  extraUsage?: string[];
}

type CommandOf<Name extends OperatorCommand["name"]> = Extract<OperatorCommand, { name: Name }>;

async function listEvents(command: CommandOf<"events">, { terminal }: OperatorRun): Promise<number> {
  // listShopEvents pages newest first; the terminal reads best oldest first, newest last.
  const events = (await listShopEvents(command.shop, { state: command.state ?? undefined, take: command.limit })).reverse();
  if (events.length === 0) {
    terminal.out(`no events for ${printable(command.shop)}${command.state ? ` in state ${command.state}` : ""}`);
    return 0;
  }
  const outcomes = await latestTimelineOutcomes(events.map((event) => event.id));
  for (const line of formatEventTable(events.map((event) => ({ ...event, outcome: outcomes.get(event.id) ?? null })))) terminal.out(line);
  return 0;
}

async function retryEvent(command: CommandOf<"retry">, { terminal, now }: OperatorRun): Promise<number> {
  // The event names its shop, so the id the event list shows is enough.
  const shop = command.shop ?? (await shopOfEvent(command.eventId));
  const result = shop ? await retryInboxEvent(shop, command.eventId, now()) : ({ ok: false, reason: "not_found" } as const);
  if (result.ok) {
    terminal.out(`event ${command.eventId} queued again`);
    return 0;
  }
  terminal.err(
    result.reason === "not_found"
      ? `no event ${command.eventId}${command.shop ? ` in ${printable(command.shop)}` : ""}`
      : `event ${command.eventId} cannot be retried: only ${RETRYABLE_STATES.join(", ")} events can`,
  );
  return 1;
}

async function linkWaybill(command: CommandOf<"link">, { terminal, now }: OperatorRun): Promise<number> {
  try {
    const linked = await linkWaybillToOrder(command.shop, command.waybill, command.orderReference, now());
    terminal.out(
      `linked waybill ${printable(command.waybill)} to order ${printable(linked.orderName)} (${linked.orderId}); ` +
        `${linked.requeued} parked event(s) queued again`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof LinkError)) throw error;
    terminal.err(`cannot link: ${printable(error.message)}`);
    return 1;
  }
}

async function unlinkWaybillFromOrder(command: CommandOf<"unlink">, { terminal, now }: OperatorRun): Promise<number> {
  try {
    const unlinked = await unlinkWaybill(command.shop, command.waybill, now());
    const undone = unlinked.undone.map((part) => printable(part)).join(", ") || "nothing";
    terminal.out(
      `unlinked waybill ${printable(command.waybill)} from order ${printable(unlinked.orderName ?? "(no name)")}; undone: ${undone}; ` +
        `${unlinked.reparked} event(s) parked until the next link`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof LinkError)) throw error;
    terminal.err(`cannot unlink: ${printable(error.message)}`);
    return 1;
  }
}

/** Runs one command line; resolves to the exit code (0 done, 1 refused by the data, 2 bad input). */
async function run(argv: readonly string[], options: OperatorRun): Promise<number> {
  const usage = () => operatorUsage(options.program, options.extraUsage);
  let command: OperatorCommand;
  try {
    command = parseOperatorArguments(argv, { shop: options.defaultShop });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    options.terminal.err(`${error.message}\n\n${usage()}`);
    return 2;
  }
  if (command.name === "help") {
    options.terminal.out(usage());
    return 0;
  }
  await databaseReady;
  switch (command.name) {
    case "events":
      return listEvents(command, options);
    case "retry":
      return retryEvent(command, options);
    case "link":
      return linkWaybill(command, options);
    case "unlink":
      return unlinkWaybillFromOrder(command, options);
  }
}

export const operatorCommandLine = {
  run,
  /** Closes the database once the command is done, so the process ends by itself. */
  close: () => prisma.$disconnect(),
};

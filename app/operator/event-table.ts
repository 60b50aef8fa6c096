// The `events` command's table as the operator reads it: a header row, one row per event, every
// value from the database made printable (it came in a payload), columns padded to the widest
// value. The inbox state says only whether the worker is done with an event; for an applied one
// the OUTCOME column says what the sync engine did with it (applied, skipped as older, skipped
// after a final status), as its timeline recorded it. For the other states the state already
// says it, and an outcome recorded before a re-queue would belong to an earlier attempt.
import { TIMELINE_OUTCOMES, timelineOutcomeFromCode } from "../delivery/timeline-outcomes";
import { printable } from "../log-text";

export interface EventTableRow {
  id: number;
  state: string;
  /** The latest timeline outcome the sync engine recorded for the event, if any. */
  outcome: string | null;
  waybill: string;
  topicName: string;
  occurredAtText: string;
  attempts: number;
  receiptCount: number;
  lastError: string | null;
}

interface Column {
  title: string;
  alignRight?: boolean;
  cell(row: EventTableRow): string;
}

const NONE = "-";

function outcomeCell(row: EventTableRow): string {
  if (row.state !== "applied") return NONE;
  if (row.outcome === null) return NONE;
  const outcome = timelineOutcomeFromCode(row.outcome);
  // A code a newer version wrote is shown as stored.
  return outcome ? TIMELINE_OUTCOMES[outcome].name.en : printable(row.outcome);
}

const COLUMNS: Column[] = [
  { title: "ID", alignRight: true, cell: (row) => String(row.id) },
  { title: "STATE", cell: (row) => printable(row.state) },
  { title: "OUTCOME", cell: outcomeCell },
  { title: "WAYBILL", cell: (row) => printable(row.waybill) },
  { title: "TOPIC", cell: (row) => printable(row.topicName) },
  { title: "WAKILNI TIME", cell: (row) => printable(row.occurredAtText) },
  { title: "ATTEMPTS", alignRight: true, cell: (row) => String(row.attempts) },
  { title: "RECEIPTS", alignRight: true, cell: (row) => String(row.receiptCount) },
  { title: "LAST ERROR", cell: (row) => (row.lastError ? printable(row.lastError) : NONE) },
];

/** Characters as a terminal counts them (code points; wide scripts are not measured). */
const width = (text: string) => [...text].length;

function pad(text: string, size: number, alignRight: boolean | undefined): string {
  const fill = " ".repeat(size - width(text));
  return alignRight ? fill + text : text + fill;
}

/** The table's lines, header first; the last column is not padded, so no line ends in spaces. */
export function formatEventTable(rows: readonly EventTableRow[]): string[] {
  const cells = [COLUMNS.map((column) => column.title), ...rows.map((row) => COLUMNS.map((column) => column.cell(row)))];
  const widths = COLUMNS.map((_, index) => Math.max(...cells.map((line) => width(line[index]))));
  return cells.map((line) =>
    line.map((text, index) => (index === COLUMNS.length - 1 ? text : pad(text, widths[index], COLUMNS[index].alignRight))).join("  "),
  );
}

// The CSV export's encoding: cells a spreadsheet opens as text (never a formula: a waybill or a
// driver's name Wakilni sent could start with "=" and run in the merchant's Excel), a UTF-8 BOM
// so Excel reads Arabic names, and a stream that asks for the next page of rows only when the
// previous one has been sent, so an export of any size holds one page in memory. Pure: no import.

/** Excel takes a UTF-8 file without it for its ANSI code page, and Arabic comes out garbled. */
export const CSV_BOM = "\uFEFF";

// What spreadsheets read as the start of a formula (tab and CR included, as OWASP advises).
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * The CSV file as a byte stream: the BOM and the header, then one chunk per page of rows, each
 * page read from `pages` only when the consumer pulls (an HTTP response pulls as the network
 * takes the bytes). A cancelled download stops the reading.
 */
export function csvStream<Row>(
  header: readonly string[],
  pages: AsyncIterator<readonly Row[]>,
  cells: (row: Row) => readonly (string | number | null | undefined)[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(header)));
      },
      async pull(controller) {
        const next = await pages.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((row) => csvLine(cells(row))).join("")));
      },
      async cancel() {
        await pages.return?.();
      },
    },
    // Nothing read ahead: the next page is fetched when this chunk has been taken.
    { highWaterMark: 0 },
  );
}

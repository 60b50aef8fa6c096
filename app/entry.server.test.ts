import { afterAll, afterEach, describe, expect, it } from "vitest";
import { handleError } from "./entry.server";
import { captureLogs } from "../tests/helpers/log-lines";

/** What Remix hands handleError for a URL no route matches or a method no route takes. */
function routeErrorResponse(status: number, statusText: string) {
  return { status, statusText, internal: true, data: `Error: ${statusText}`, error: new Error(statusText) };
}

const args = (request = new Request("https://app.example.com/somewhere")) => ({ request, params: {}, context: {} });

describe("handleError", () => {
  const logs = captureLogs();
  afterEach(() => logs.clear());
  afterAll(() => logs.stop());

  it("does not log the client's mistakes: no such page (404), no such method (405)", () => {
    handleError(routeErrorResponse(404, "Not Found"), args());
    handleError(routeErrorResponse(405, "Method Not Allowed"), args());
    expect(logs.lines()).toEqual([]);
  });

  it("does not log what went wrong for a client that has gone away", () => {
    const controller = new AbortController();
    controller.abort();
    handleError(new Error("aborted"), args(new Request("https://app.example.com/app", { signal: controller.signal })));
    expect(logs.lines()).toEqual([]);
  });

  it("logs a real error once, at error level, its message made printable", () => {
    handleError(new Error("no such waybill \x1b[2J#1001"), args());
    expect(logs.lines()).toHaveLength(1);
    const [line] = logs.lines();
    expect(line.level).toBe("error");
    expect(line.err).toMatch(/^Error: no such waybill \\x1b\[2J#1001\n\s+at /);
    // JSON would escape the ESC as \u001b anyway; the text itself must already be the visible escape.
    expect(logs.text()).not.toContain("\\u001b");
  });

  it("logs server-side route errors (5xx) with the error behind them", () => {
    handleError(routeErrorResponse(500, "Internal Server Error"), args());
    expect(logs.lines()).toHaveLength(1);
    expect(logs.lines()[0].err).toMatch(/^Error: Internal Server Error\n/);
  });
});

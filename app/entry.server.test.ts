import { afterEach, describe, expect, it, vi } from "vitest";
import { handleError } from "./entry.server";

/** What Remix hands handleError for a URL no route matches or a method no route takes. */
function routeErrorResponse(status: number, statusText: string) {
  return { status, statusText, internal: true, data: `Error: ${statusText}`, error: new Error(statusText) };
}

const args = (request = new Request("https://app.example.com/somewhere")) => ({ request, params: {}, context: {} });

describe("handleError", () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  afterEach(() => logged.mockClear());

  it("does not log the client's mistakes: no such page (404), no such method (405)", () => {
    handleError(routeErrorResponse(404, "Not Found"), args());
    handleError(routeErrorResponse(405, "Method Not Allowed"), args());
    expect(logged).not.toHaveBeenCalled();
  });

  it("does not log what went wrong for a client that has gone away", () => {
    const controller = new AbortController();
    controller.abort();
    handleError(new Error("aborted"), args(new Request("https://app.example.com/app", { signal: controller.signal })));
    expect(logged).not.toHaveBeenCalled();
  });

  it("logs a real error once, its message made printable", () => {
    handleError(new Error("no such waybill \x1b[2J#1001"), args());
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0][0])).toMatch(/^Error: no such waybill \\x1b\[2J#1001\n\s+at /);
  });

  it("logs server-side route errors (5xx) with the error behind them", () => {
    handleError(routeErrorResponse(500, "Internal Server Error"), args());
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0][0])).toMatch(/^Error: Internal Server Error\n/);
  });
});

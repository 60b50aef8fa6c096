// @vitest-environment happy-dom
// The lists' search box and day fields as the URL moves under them: Back and Forward carry a settled
// draft along (and the search does not write back what was undone), a draft being typed stays.
import { act, createRef, forwardRef, useImperativeHandle } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_QUERY_LENGTH, parseSharedListFilters } from "../delivery/delivery-filters";
import { useListSearch, useUrlFilterDraft } from "./list-filters";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Field {
  text: string;
  type(text: string): void;
}

/** The hook's field as the test reads and types in it. */
const field = createRef<Field>();

const DayField = forwardRef<Field, { inUrl: string | undefined }>(function DayField({ inUrl }, ref) {
  const [text, type] = useUrlFilterDraft(inUrl);
  useImperativeHandle(ref, () => ({ text, type }), [text, type]);
  return null;
});

const SearchBox = forwardRef<Field, { inUrl: string | undefined; search(query: string | undefined): void }>(function SearchBox(
  { inUrl, search },
  ref,
) {
  const [text, type] = useListSearch(inUrl, search);
  useImperativeHandle(ref, () => ({ text, type }), [text, type]);
  return null;
});

let root: Root;
beforeEach(() => {
  root = createRoot(document.createElement("div"));
});
afterEach(() => {
  act(() => root.unmount());
  vi.useRealTimers();
});

describe("useUrlFilterDraft", () => {
  it("follows the URL when it changes under a draft that was in step with it (Back, Forward, a link)", () => {
    act(() => root.render(<DayField ref={field} inUrl="2026-01-01" />));
    expect(field.current!.text).toBe("2026-01-01");
    act(() => root.render(<DayField ref={field} inUrl={undefined} />));
    expect(field.current!.text).toBe("");
    act(() => root.render(<DayField ref={field} inUrl="2026-01-01" />));
    expect(field.current!.text).toBe("2026-01-01");
  });

  it("keeps a draft being typed when the URL catches up with an earlier one", () => {
    act(() => root.render(<DayField ref={field} inUrl={undefined} />));
    act(() => field.current!.type("abcd"));
    act(() => root.render(<DayField ref={field} inUrl="abc" />));
    expect(field.current!.text).toBe("abcd");
  });
});

describe("useListSearch", () => {
  it("writes a typed search once the typing pauses, and not again after Back took it out of the URL", () => {
    vi.useFakeTimers();
    const search = vi.fn();
    act(() => root.render(<SearchBox ref={field} inUrl={undefined} search={search} />));
    act(() => field.current!.type("  #1002 "));
    act(() => vi.runAllTimers());
    expect(search).toHaveBeenCalledExactlyOnceWith("#1002");
    act(() => root.render(<SearchBox ref={field} inUrl="#1002" search={search} />));
    act(() => root.render(<SearchBox ref={field} inUrl={undefined} search={search} />));
    act(() => vi.runAllTimers());
    expect(field.current!.text).toBe("");
    expect(search).toHaveBeenCalledTimes(1);
  });

  it("is not held up by a re-render with a new callback mid-pause, and writes through the latest callback", () => {
    vi.useFakeTimers();
    const first = vi.fn();
    const latest = vi.fn();
    act(() => root.render(<SearchBox ref={field} inUrl={undefined} search={first} />));
    act(() => field.current!.type("#1002"));
    act(() => vi.advanceTimersByTime(200));
    act(() => root.render(<SearchBox ref={field} inUrl={undefined} search={latest} />));
    act(() => vi.advanceTimersByTime(100));
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledExactlyOnceWith("#1002");
  });

  it("keeps no more of a search than the URL does, so a long one is written once, not again at every load", () => {
    vi.useFakeTimers();
    const search = vi.fn();
    const long = "x".repeat(MAX_QUERY_LENGTH + 20);
    act(() => root.render(<SearchBox ref={field} inUrl={undefined} search={search} />));
    act(() => field.current!.type(long));
    act(() => vi.runAllTimers());
    const written = parseSharedListFilters(new URLSearchParams({ q: search.mock.calls[0][0] })).query;
    act(() => root.render(<SearchBox ref={field} inUrl={written} search={search} />));
    act(() => vi.runAllTimers());
    expect(search).toHaveBeenCalledTimes(1);
    expect(field.current!.text).toBe(written);
  });
});

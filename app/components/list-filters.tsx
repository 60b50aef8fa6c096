// The filters the app's long lists share in their Polaris IndexFilters bar (the deliveries list,
// the event log): Wakilni statuses to pick from, a range of days, and what the search box and the
// day fields show of the URL while the merchant types. Each list says what the filter applies to
// (its label) and where the choice goes (its URL); the controls are built here once.
import { BlockStack, ChoiceList, TextField, type IndexFiltersProps } from "@shopify/polaris";
import { useCallback, useEffect, useRef, useState } from "react";
import { MAX_QUERY_LENGTH } from "../delivery/delivery-filters";
import type { WakilniTopic } from "../wakilni/topics";

/** The search box waits for the merchant to pause typing this long before the URL follows. */
const SEARCH_PAUSE_MS = 300;

/**
 * What a list's text field (the search box, a day field) shows of one filter in the URL: the
 * merchant's draft, until it goes to the URL. The URL also changes without the field, by Back,
 * Forward or a link: a draft that was in step with the URL then follows it (else the field would
 * still show, and the search write back, what the merchant just undid), while a draft being typed,
 * not in the URL yet, is kept.
 */
export function useUrlFilterDraft(urlValue: string | undefined): [string, (draft: string) => void] {
  const inUrl = urlValue ?? "";
  const [draft, setDraft] = useState(inUrl);
  const [followed, setFollowed] = useState(inUrl);
  if (followed !== inUrl) {
    setFollowed(inUrl);
    if (draft.trim() === followed) setDraft(inUrl);
  }
  return [draft, setDraft];
}

/**
 * The search box's text: a draft of the URL's search (useUrlFilterDraft) that `search` writes there
 * once the merchant pauses typing. It holds no more than the URL's reader keeps: a longer draft never
 * matched the list's search, and was written again after every load. The pause runs from the last
 * keystroke or URL change only: `search` is whichever the latest render passed, so a list that
 * re-renders mid-pause (a live refresh, a new callback each render) does not start it again.
 */
export function useListSearch(
  urlQuery: string | undefined,
  search: (query: string | undefined) => void,
): [string, (query: string) => void] {
  const [query, setDraft] = useUrlFilterDraft(urlQuery);
  const setQuery = useCallback((text: string) => setDraft(text.slice(0, MAX_QUERY_LENGTH)), [setDraft]);
  const latestSearch = useRef(search);
  useEffect(() => {
    latestSearch.current = search;
  });
  useEffect(() => {
    if ((urlQuery ?? "") === query.trim()) return;
    const timer = setTimeout(() => latestSearch.current(query.trim() || undefined), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [query, urlQuery]);
  return [query, setQuery];
}

type ListFilter = IndexFiltersProps["filters"][number];

/** Several Wakilni statuses; none chosen is undefined. Pinned: Polaris 13 shows a filter's own button in the bar only then. */
export function statusFilter(options: {
  label: string;
  choices: { label: string; value: WakilniTopic }[];
  selected: WakilniTopic[] | undefined;
  onChange(statuses: WakilniTopic[] | undefined): void;
}): ListFilter {
  return {
    key: "status",
    label: options.label,
    filter: (
      <ChoiceList
        title={options.label}
        titleHidden
        allowMultiple
        choices={options.choices}
        selected={options.selected ?? []}
        onChange={(selected) => options.onChange(selected.length ? (selected as WakilniTopic[]) : undefined)}
      />
    ),
    pinned: true,
  };
}

/**
 * Two day fields as the browser's date input writes them (YYYY-MM-DD, which the lists' URL readers
 * accept), applied when a field loses focus, so typing a date does not reload the list at every keystroke.
 */
export function dayRangeFilter(options: {
  label: string;
  fromLabel: string;
  toLabel: string;
  from: string;
  to: string;
  onFromChange(day: string): void;
  onToChange(day: string): void;
  onApply(): void;
  pinned?: boolean;
}): ListFilter {
  const field = (label: string, value: string, onChange: (day: string) => void) => (
    <TextField label={label} type="date" value={value} onChange={onChange} onBlur={options.onApply} autoComplete="off" />
  );
  return {
    key: "dates",
    label: options.label,
    filter: (
      <BlockStack gap="200">
        {field(options.fromLabel, options.from, options.onFromChange)}
        {field(options.toLabel, options.to, options.onToChange)}
      </BlockStack>
    ),
    pinned: options.pinned,
  };
}

// The filters the app's long lists share in their Polaris IndexFilters bar (the deliveries list,
// the event log): Wakilni statuses to pick from, and a range of days. Each list says what the
// filter applies to (its label) and where the choice goes (its URL); the controls are built here once.
import { BlockStack, ChoiceList, TextField, type IndexFiltersProps } from "@shopify/polaris";
import type { WakilniTopic } from "../wakilni/topics";

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

// The two fields of a list's day-range filter (the deliveries list, the event log): days as the
// browser's date input writes them (YYYY-MM-DD, which the lists' URL readers accept), applied to
// the URL when a field loses focus, so typing a date does not reload the list at every keystroke.
import { BlockStack, TextField } from "@shopify/polaris";

export function DayRangeFields(props: {
  fromLabel: string;
  toLabel: string;
  from: string;
  to: string;
  onFromChange(day: string): void;
  onToChange(day: string): void;
  onApply(): void;
}) {
  const field = (label: string, value: string, onChange: (day: string) => void) => (
    <TextField label={label} type="date" value={value} onChange={onChange} onBlur={props.onApply} autoComplete="off" />
  );
  return (
    <BlockStack gap="200">
      {field(props.fromLabel, props.from, props.onFromChange)}
      {field(props.toLabel, props.to, props.onToChange)}
    </BlockStack>
  );
}

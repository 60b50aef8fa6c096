// How old a Wakilni event may be and still be accepted (WAKILNI_EVENT_MAX_AGE_DAYS, in the event's
// own signed Wakilni time). Refusing older events bounds what a captured delivery can do: replayed
// after its row was redacted or otherwise deleted, an event past the window is refused whatever
// the database still remembers, so the redaction tombstones only need to outlive the window.
// And how far ahead of the receiving clock it may be: an event dated in the future would become
// the waybill's latest and make every real later event "stale", so it is refused too, beyond a
// tolerance for clocks that drift (Wakilni's times carry no zone and are read in the shop's).
import { env } from "../env.server";

export const MAX_EVENT_AGE_DAYS = env.WAKILNI_EVENT_MAX_AGE_DAYS;
export const MAX_EVENT_LEAD_MINUTES = 15;

/** The oldest Wakilni time an event received at `now` may carry. */
export function oldestAcceptedEventTime(now: Date): Date {
  return new Date(now.getTime() - MAX_EVENT_AGE_DAYS * 86_400_000);
}

/** The latest Wakilni time an event received at `now` may carry. */
export function latestAcceptedEventTime(now: Date): Date {
  return new Date(now.getTime() + MAX_EVENT_LEAD_MINUTES * 60_000);
}

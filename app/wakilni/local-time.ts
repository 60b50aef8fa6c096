// Wakilni writes timestamps as bare wall-clock text ("2024-11-14 14:39:13") in the zone it
// operates in, so the app must pick the zone itself to order events and show them correctly.
// The conversion uses Intl only: the server's own zone must never leak in, and the zones
// involved change offset for DST (Beirut) or changed it by law (Amman), which a fixed
// offset table would get wrong.

export const DEFAULT_WAKILNI_ZONE = "Asia/Beirut";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const WAKILNI_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})?$/i;

// Building an Intl formatter is far slower than using one, and every event needs several.
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    offsetFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC, in ms, at an instant. Intl writes it as "GMT+03:00", or "GMT" for zero. */
function zoneOffsetMs(timeZone: string, instantMs: number): number {
  const name = offsetFormatter(timeZone)
    .formatToParts(instantMs)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = name && /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name);
  if (!match) throw new Error(`Unexpected offset "${name}" for time zone ${timeZone}`);
  if (!match[1]) return 0;
  const magnitude = (Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0)) * 1000;
  return match[1] === "-" ? -magnitude : magnitude;
}

/**
 * The instant a wall-clock time names in a zone. Offsets are taken a day either side of the wall
 * time (no zone changes twice within two days), and an offset is kept only if the zone really
 * shows that wall time under it. Two such instants means the hour repeats (autumn): the earlier
 * wins. None means the wall time was skipped (spring): reading it with the offset from before the
 * jump moves it forward by the gap, as a clock left unadjusted would.
 */
function zonedWallTimeToInstant(wallMs: number, timeZone: string): number {
  const before = zoneOffsetMs(timeZone, wallMs - DAY_MS);
  const after = zoneOffsetMs(timeZone, wallMs + DAY_MS);
  const instants = [before, after].filter((offset) => zoneOffsetMs(timeZone, wallMs - offset) === offset).map((offset) => wallMs - offset);
  return instants.length > 0 ? Math.min(...instants) : wallMs - before;
}

function explicitOffsetMs(designator: string): number | null {
  if (designator.toUpperCase() === "Z") return 0;
  const hours = Number(designator.slice(1, 3));
  const minutes = Number(designator.slice(4, 6));
  if (hours > 23 || minutes > 59) return null;
  const magnitude = (hours * 60 + minutes) * MINUTE_MS;
  return designator.startsWith("-") ? -magnitude : magnitude;
}

/**
 * The instant a Wakilni timestamp names, reading zone-less text in `timeZone` and honouring an
 * explicit `Z` or `±HH:MM` when present. Null for text that is not a real calendar time.
 * Throws a RangeError for an unknown zone: that is a configuration fault, not bad data.
 */
export function parseWakilniLocalTime(text: string, timeZone: string): Date | null {
  offsetFormatter(timeZone);
  const match = WAKILNI_TIME.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, designator] = match;

  // setUTCFullYear, unlike Date.UTC, keeps years 0000-0099 literal.
  const wall = new Date(0);
  wall.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  wall.setUTCHours(Number(hour), Number(minute), Number(second), Number((fraction ?? "").padEnd(3, "0").slice(0, 3)));
  // Date rolls impossible fields over (Feb 30 → Mar 1, hour 25 → next day); reject instead.
  const fieldsSurvived =
    wall.getUTCFullYear() === Number(year) &&
    wall.getUTCMonth() === Number(month) - 1 &&
    wall.getUTCDate() === Number(day) &&
    wall.getUTCHours() === Number(hour) &&
    wall.getUTCMinutes() === Number(minute) &&
    wall.getUTCSeconds() === Number(second);
  if (!fieldsSurvived) return null;

  if (designator) {
    const offset = explicitOffsetMs(designator);
    return offset === null ? null : new Date(wall.getTime() - offset);
  }
  return new Date(zonedWallTimeToInstant(wall.getTime(), timeZone));
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/**
 * An instant written the way Wakilni's portal shows it, wall-clock time in `timeZone`, with
 * the zone's offset at that instant so the text still names the exact moment:
 * "2024-11-14T14:39:13+02:00". The inverse of parseWakilniLocalTime, to the second.
 */
export function formatWakilniLocalTime(instant: Date, timeZone: string): string {
  const offset = zoneOffsetMs(timeZone, instant.getTime());
  const wall = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offset);
  const offsetMinutes = Math.abs(offset) / MINUTE_MS;
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  const zone = `${offset < 0 ? "-" : "+"}${pad(Math.floor(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  return `${date}T${time}${zone}`;
}

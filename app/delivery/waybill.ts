// Finds the Shopify order a Wakilni waybill belongs to. The waybill is the merchant's own
// reference (whatever their Wakilni integration wrote), so by default it is read as an order
// name, number or id, and a merchant pattern such as 'SHOP-{number}' says where the number is.
// Shopify's order search is fuzzy: every hit is confirmed with orderMatchesWaybill.
import type { Validation } from "./settings";

export type WaybillMatch = { kind: "name"; name: string } | { kind: "id"; id: string /* numeric legacy id */ };

export const MAX_WAYBILL_PATTERN_LENGTH = 64;

const PLACEHOLDER = /\{(?:number|name)\}/g;
const PLACEHOLDER_ONCE = /\{(?:number|name)\}/;
const ORDER_GID = /^gid:\/\/shopify\/Order\/([1-9]\d*)$/;
const DIGITS = /^\d+$/;
/** Shopify ids are unsigned 64-bit integers: at most 20 digits. */
const LEGACY_ID = /^[1-9]\d{0,19}$/;

type CompiledPattern = { placeholder: "number" | "name"; regex: RegExp };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** A non-empty pattern as an anchored regular expression capturing its placeholder; literal text ignores case. */
function compilePattern(pattern: string): CompiledPattern | { message: string } {
  if (pattern.length > MAX_WAYBILL_PATTERN_LENGTH) {
    return { message: `The waybill pattern can be at most ${MAX_WAYBILL_PATTERN_LENGTH} characters long.` };
  }
  if ((pattern.match(PLACEHOLDER) ?? []).length !== 1) {
    return { message: "The waybill pattern must contain exactly one {number} or {name}." };
  }
  const [before, after] = pattern.split(PLACEHOLDER_ONCE);
  const literal = before + after;
  if (/[{}]/.test(literal)) return { message: "Only {number} and {name} may appear in braces." };
  if (/\p{Cc}/u.test(literal)) return { message: "The waybill pattern cannot contain control characters." };
  const placeholder = pattern.includes("{number}") ? "number" : "name";
  const capture = placeholder === "number" ? "(\\d+)" : "(.+)";
  return { placeholder, regex: new RegExp(`^${escapeRegExp(before)}${capture}${escapeRegExp(after)}$`, "i") };
}

export function validateWaybillPattern(pattern: string): Validation {
  const trimmed = pattern.trim();
  if (trimmed === "") return { ok: true };
  const compiled = compilePattern(trimmed);
  return "message" in compiled ? { ok: false, message: compiled.message } : { ok: true };
}

/** An order number or a numeric id, written with or without leading zeros. */
function numberCandidates(digits: string): WaybillMatch[] {
  const number = digits.replace(/^0+/, "");
  if (number === "") return [];
  const names: WaybillMatch[] = [
    { kind: "name", name: `#${number}` },
    { kind: "name", name: number },
  ];
  return LEGACY_ID.test(number) ? [...names, { kind: "id", id: number }] : names;
}

function defaultCandidates(waybill: string): WaybillMatch[] {
  const gid = ORDER_GID.exec(waybill);
  if (gid) return [{ kind: "id", id: gid[1] }];
  const hashed = waybill.startsWith("#");
  const bare = (hashed ? waybill.slice(1) : waybill).trim();
  if (bare === "") return [];
  // "#1001" names an order; only a bare number may also be an id.
  if (DIGITS.test(bare) && !hashed) return numberCandidates(bare);
  return [
    { kind: "name", name: `#${bare}` },
    { kind: "name", name: bare },
  ];
}

/**
 * The orders a waybill may stand for, most likely first, deduplicated; [] when it cannot be
 * one (empty, or not shaped like the merchant's pattern). `pattern` '' means the default.
 */
export function waybillCandidates(waybill: string, pattern: string): WaybillMatch[] {
  const trimmed = waybill.trim();
  if (trimmed === "") return [];
  if (pattern.trim() === "") return defaultCandidates(trimmed);
  const compiled = compilePattern(pattern.trim());
  // Patterns are validated when saved: an invalid one here is a bug, not a waybill that does not match.
  if ("message" in compiled) throw new Error(`Invalid waybill pattern ${JSON.stringify(pattern)}: ${compiled.message}`);
  const { placeholder, regex } = compiled;
  const captured = regex.exec(trimmed)?.[1].trim();
  if (!captured) return [];
  return placeholder === "number" ? numberCandidates(captured) : [{ kind: "name", name: captured }];
}

/** A double-quoted search value: backslashes and quotes escaped, so the value cannot add search terms. */
function quoteSearchValue(value: string): string {
  return `"${value.replace(/[\\"]/g, "\\$&")}"`;
}

/** Shopify search syntax for orders matching any candidate. */
export function ordersSearchQuery(candidates: readonly WaybillMatch[]): string {
  // An empty query would list every order of the shop.
  if (candidates.length === 0) throw new Error("ordersSearchQuery needs at least one candidate.");
  return candidates
    .map((candidate) => {
      if (candidate.kind === "name") return `name:${quoteSearchValue(candidate.name)}`;
      if (!LEGACY_ID.test(candidate.id)) throw new Error(`Not a numeric order id: ${JSON.stringify(candidate.id)}`);
      return `id:${candidate.id}`;
    })
    .join(" OR ");
}

/** Confirms a search hit exactly: its name (ignoring case and surrounding spaces) or its numeric id. */
export function orderMatchesWaybill(
  order: { id: string; legacyResourceId?: string; name: string },
  candidates: readonly WaybillMatch[],
): boolean {
  const legacyId = order.legacyResourceId ?? ORDER_GID.exec(order.id)?.[1];
  const name = order.name.trim().toLowerCase();
  return candidates.some((candidate) =>
    candidate.kind === "name" ? candidate.name.trim().toLowerCase() === name : candidate.id === legacyId,
  );
}

// metafieldsSet as Shopify applies it: at most 25 inputs, all-or-nothing, values checked
// against their type (a JSON value within 128 KB), app-reserved `$app` namespaces resolved per app, and optional
// compare-and-set through `compareDigest`; and metafieldsDelete, which answers a metafield
// that is not there with null instead of an error.
import { createHash } from "node:crypto";
import { gid, parseGid, type MetafieldRecord, type OrderRecord } from "./model";
import type { ShopData } from "./shop-data";
import { notImplemented } from "./errors";

export interface MetafieldsSetInput {
  ownerId: string;
  namespace?: string | null;
  key: string;
  type?: string | null;
  value: string;
  compareDigest?: string | null;
}

export interface MetafieldsSetUserError {
  field: string[] | null;
  message: string;
  code: string | null;
  elementIndex: number | null;
}

const MAX_INPUTS = 25;

/** Shopify's limit on a JSON metafield's value written with Admin API 2026-04 or later (apps from before then keep 2 MB). */
export const JSON_METAFIELD_MAX_BYTES = 128 * 1024;

/** Returns the stored form of a valid value, or the reason it is invalid. */
const VALUE_RULES: Record<string, (value: string) => { stored: string } | { invalid: string }> = {
  json: (value) => {
    if (Buffer.byteLength(value) > JSON_METAFIELD_MAX_BYTES)
      return { invalid: `Value exceeds the maximum size of ${JSON_METAFIELD_MAX_BYTES} bytes.` };
    try {
      return { stored: JSON.stringify(JSON.parse(value)) };
    } catch (error) {
      return { invalid: `Value is invalid JSON: ${(error as Error).message}.` };
    }
  },
  single_line_text_field: (value) => (/[\r\n]/.test(value) ? { invalid: "Value must be a single line of text." } : { stored: value }),
  multi_line_text_field: (value) => ({ stored: value }),
  number_integer: (value) =>
    /^[-+]?\d+$/.test(value.trim()) ? { stored: String(Number(value)) } : { invalid: "Value must be an integer." },
  number_decimal: (value) => (/^[-+]?\d+(\.\d+)?$/.test(value.trim()) ? { stored: value.trim() } : { invalid: "Value must be a decimal." }),
  boolean: (value) => (value === "true" || value === "false" ? { stored: value } : { invalid: "Value must be true or false." }),
  date_time: (value) =>
    Number.isNaN(Date.parse(value)) ? { invalid: "Value must be in ISO 8601 date and time format." } : { stored: value },
  date: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? { stored: value } : { invalid: "Value must be in YYYY-MM-DD format." }),
  url: (value) => (/^(https?|mailto|sms|tel):/.test(value) ? { stored: value } : { invalid: "Value must be a valid URL." }),
};

export function compareDigest(metafield: Pick<MetafieldRecord, "value" | "type">): string {
  return createHash("sha256").update(`${metafield.type}\0${metafield.value}`).digest("hex");
}

function ownerOrder(shop: ShopData, ownerId: string): OrderRecord | undefined {
  const type = parseGid(ownerId)?.type;
  if (type && type !== "Order") throw notImplemented(`metafields on ${type} owners`);
  return shop.order(ownerId);
}

interface Planned {
  order: OrderRecord;
  existing: MetafieldRecord | undefined;
  namespace: string;
  key: string;
  type: string;
  value: string;
}

export function setMetafields(
  shop: ShopData,
  inputs: MetafieldsSetInput[],
): { metafields: MetafieldRecord[] | null; userErrors: MetafieldsSetUserError[] } {
  if (inputs.length > MAX_INPUTS) {
    return {
      metafields: null,
      userErrors: [
        {
          field: ["metafields"],
          message: `Exceeded the maximum metafields input limit of ${MAX_INPUTS}.`,
          code: "LESS_THAN_OR_EQUAL_TO",
          elementIndex: null,
        },
      ],
    };
  }
  const userErrors: MetafieldsSetUserError[] = [];
  const planned: Planned[] = [];
  inputs.forEach((input, index) => {
    const error = (name: string, message: string, code: string) =>
      userErrors.push({ field: ["metafields", String(index), name], message, code, elementIndex: index });
    const order = ownerOrder(shop, input.ownerId);
    if (!order) return error("ownerId", "Owner does not exist.", "INVALID");
    const namespace = shop.resolveNamespace(input.namespace);
    if (namespace.length < 3 || namespace.length > 255)
      return error("namespace", "Namespace must be between 3 and 255 characters.", "INVALID");
    if (!/^[a-zA-Z0-9_-]{2,64}$/.test(input.key))
      return error("key", "Key must be 2-64 characters of letters, digits, underscores and hyphens.", "INVALID");
    const existing = order.metafields.find((metafield) => metafield.namespace === namespace && metafield.key === input.key);
    const type = input.type ?? existing?.type;
    if (!type) return error("type", "Type can't be blank.", "BLANK");
    if (existing && existing.type !== type)
      return error("type", `Type must be ${existing.type} to match the existing metafield.`, "INVALID_TYPE");
    const rule = VALUE_RULES[type];
    if (!rule) return error("type", `Type '${type}' is not supported by the emulator.`, "INVALID_TYPE");
    if ("compareDigest" in input && input.compareDigest !== (existing ? compareDigest(existing) : null)) {
      return error(
        "compareDigest",
        "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.",
        "STALE_OBJECT",
      );
    }
    const checked = rule(input.value);
    if ("invalid" in checked) return error("value", checked.invalid, "INVALID_VALUE");
    planned.push({ order, existing, namespace, key: input.key, type, value: checked.stored });
  });
  if (userErrors.length > 0) return { metafields: [], userErrors };

  const now = shop.timestamp();
  const metafields = planned.map(({ order, existing, namespace, key, type, value }) => {
    order.updatedAt = now;
    if (existing) return Object.assign(existing, { value, updatedAt: now });
    const metafield: MetafieldRecord = { id: gid("Metafield", shop.newId()), namespace, key, type, value, createdAt: now, updatedAt: now };
    order.metafields.push(metafield);
    shop.own(metafield.id, order);
    return metafield;
  });
  return { metafields, userErrors: [] };
}

export interface MetafieldIdentifier {
  ownerId: string;
  namespace: string;
  key: string;
}

export function deleteMetafields(
  shop: ShopData,
  identifiers: MetafieldIdentifier[],
): { deletedMetafields: (MetafieldIdentifier | null)[] | null; userErrors: { field: string[] | null; message: string }[] } {
  if (identifiers.length === 0)
    return {
      deletedMetafields: null,
      userErrors: [{ field: ["metafields"], message: "At least one metafield identifier must be specified." }],
    };
  if (identifiers.length > MAX_INPUTS)
    return {
      deletedMetafields: null,
      userErrors: [{ field: ["metafields"], message: `Exceeded the maximum metafields input limit of ${MAX_INPUTS}.` }],
    };
  const now = shop.timestamp();
  const deletedMetafields = identifiers.map((identifier) => {
    const order = ownerOrder(shop, identifier.ownerId);
    const namespace = shop.resolveNamespace(identifier.namespace);
    const index = order?.metafields.findIndex((metafield) => metafield.namespace === namespace && metafield.key === identifier.key) ?? -1;
    if (!order || index === -1) return null;
    order.metafields.splice(index, 1);
    order.updatedAt = now;
    return { ownerId: order.id, namespace, key: identifier.key };
  });
  return { deletedMetafields, userErrors: [] };
}

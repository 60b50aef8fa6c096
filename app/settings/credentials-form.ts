// Reads and checks the Wakilni credentials form (the app token, the webhook secret, how long a
// replaced secret stays valid, the API region and the API key/secret pair). Errors are message
// keys, so the page shows them in the merchant's language; empty credential fields mean "keep
// what is saved".
import type { MessageKey } from "../i18n/messages";
import type { WakilniRegion } from "../wakilni/api/wakilni-api";
import { isWakilniRegion } from "../wakilni/api/wakilni-hosts";

export interface FieldError {
  key: MessageKey;
  values?: Record<string, string | number>;
}

type CredentialsField = "appToken" | "secret" | "previousSecretHours" | "wakilniRegion" | "apiKey" | "apiSecret";

export interface CredentialsChanges {
  appToken?: string;
  secret?: string;
  previousSecretHours?: number;
  wakilniRegion?: WakilniRegion;
  apiKey?: string;
  apiSecret?: string;
}

export type CredentialsForm = ({ ok: true } & CredentialsChanges) | { ok: false; errors: Partial<Record<CredentialsField, FieldError>> };

/** Which sealed credentials the shop already has, so their fields may stay empty. */
export interface SavedCredentials {
  secret: boolean;
  apiKey: boolean;
  apiSecret: boolean;
}

const MIN_LENGTH = 8;
const MAX_LENGTH = 512;

/**
 * The longest the previous webhook secret may stay valid after a change: a week covers a
 * merchant who updates the Wakilni portal only after a weekend; longer only widens the time a
 * leaked old secret can forge events.
 */
export const MAX_PREVIOUS_SECRET_HOURS = 168;

function checkCredential(value: string, required: boolean): FieldError | null {
  if (value === "") return required ? { key: "settings.error.required" } : null;
  if (/\s/.test(value)) return { key: "settings.error.whitespace" };
  if (value.length < MIN_LENGTH) return { key: "settings.error.tooShort", values: { min: MIN_LENGTH } };
  if (value.length > MAX_LENGTH) return { key: "settings.error.tooLong", values: { max: MAX_LENGTH } };
  return null;
}

/** Whole hours from 0 to MAX_PREVIOUS_SECRET_HOURS; a form without the field keeps the saved value. */
function readPreviousSecretHours(value: FormDataEntryValue | null): number | undefined | FieldError {
  if (value === null) return undefined;
  const text = String(value).trim();
  const hours = Number(text);
  if (!/^\d+$/.test(text) || hours > MAX_PREVIOUS_SECRET_HOURS) {
    return { key: "settings.error.wholeNumberRange", values: { min: 0, max: MAX_PREVIOUS_SECRET_HOURS } };
  }
  return hours;
}

/** The region, when the form has the field; a value that is no region is an error. */
function readRegion(value: FormDataEntryValue | null): WakilniRegion | undefined | FieldError {
  if (value === null) return undefined;
  const region = String(value);
  return isWakilniRegion(region) ? region : { key: "settings.error.choice" };
}

export function readCredentialsForm(form: FormData, saved: SavedCredentials): CredentialsForm {
  const text = (field: CredentialsField) => String(form.get(field) ?? "").trim();
  const appToken = text("appToken");
  const secret = text("secret");
  const apiKey = text("apiKey");
  const apiSecret = text("apiSecret");
  const previousSecretHours = readPreviousSecretHours(form.get("previousSecretHours"));
  const wakilniRegion = readRegion(form.get("wakilniRegion"));
  const errors: Partial<Record<CredentialsField, FieldError>> = {};
  const appTokenError = checkCredential(appToken, false);
  const secretError = checkCredential(secret, !saved.secret);
  // The pair only works together: one half given needs the other given or already saved.
  const pairStarted = apiKey !== "" || apiSecret !== "";
  const apiKeyError = checkCredential(apiKey, pairStarted && !saved.apiKey);
  const apiSecretError = checkCredential(apiSecret, pairStarted && !saved.apiSecret);
  if (appTokenError) errors.appToken = appTokenError;
  if (secretError) errors.secret = secretError;
  if (apiKeyError) errors.apiKey = apiKeyError;
  if (apiSecretError) errors.apiSecret = apiSecretError;
  if (typeof previousSecretHours === "object") errors.previousSecretHours = previousSecretHours;
  if (typeof wakilniRegion === "object") errors.wakilniRegion = wakilniRegion;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    ...(appToken ? { appToken } : {}),
    ...(secret ? { secret } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(apiSecret ? { apiSecret } : {}),
    ...(typeof previousSecretHours === "number" ? { previousSecretHours } : {}),
    ...(typeof wakilniRegion === "string" ? { wakilniRegion } : {}),
  };
}

// Reads and checks the Wakilni credentials form (the app token, the webhook secret and how long
// a replaced secret stays valid). Errors are message keys, so the page shows them in the
// merchant's language; empty credential fields mean "keep what is saved".
import type { MessageKey } from "../i18n/messages";

export interface FieldError {
  key: MessageKey;
  values?: Record<string, string | number>;
}

type CredentialsField = "appToken" | "secret" | "previousSecretHours";

export type CredentialsForm =
  | { ok: true; appToken?: string; secret?: string; previousSecretHours?: number }
  | { ok: false; errors: Partial<Record<CredentialsField, FieldError>> };

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

/** `secretIsSet`: a secret is already saved, so the field may stay empty. */
export function readCredentialsForm(form: FormData, secretIsSet: boolean): CredentialsForm {
  const appToken = String(form.get("appToken") ?? "").trim();
  const secret = String(form.get("secret") ?? "").trim();
  const previousSecretHours = readPreviousSecretHours(form.get("previousSecretHours"));
  const errors: Partial<Record<CredentialsField, FieldError>> = {};
  const appTokenError = checkCredential(appToken, false);
  const secretError = checkCredential(secret, !secretIsSet);
  if (appTokenError) errors.appToken = appTokenError;
  if (secretError) errors.secret = secretError;
  if (typeof previousSecretHours === "object") errors.previousSecretHours = previousSecretHours;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    ...(appToken ? { appToken } : {}),
    ...(secret ? { secret } : {}),
    ...(typeof previousSecretHours === "number" ? { previousSecretHours } : {}),
  };
}

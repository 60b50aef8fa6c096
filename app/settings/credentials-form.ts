// Reads and checks the Wakilni credentials form. Errors are message keys, so the page shows
// them in the merchant's language; empty fields mean "keep what is saved".
import type { MessageKey } from "../i18n/messages";

export interface FieldError {
  key: MessageKey;
  values?: Record<string, string | number>;
}

export type CredentialsForm =
  { ok: true; appToken?: string; secret?: string } | { ok: false; errors: Partial<Record<"appToken" | "secret", FieldError>> };

const MIN_LENGTH = 8;
const MAX_LENGTH = 512;

function checkCredential(value: string, required: boolean): FieldError | null {
  if (value === "") return required ? { key: "settings.error.required" } : null;
  if (/\s/.test(value)) return { key: "settings.error.whitespace" };
  if (value.length < MIN_LENGTH) return { key: "settings.error.tooShort", values: { min: MIN_LENGTH } };
  if (value.length > MAX_LENGTH) return { key: "settings.error.tooLong", values: { max: MAX_LENGTH } };
  return null;
}

/** `secretIsSet`: a secret is already saved, so the field may stay empty. */
export function readCredentialsForm(form: FormData, secretIsSet: boolean): CredentialsForm {
  const appToken = String(form.get("appToken") ?? "").trim();
  const secret = String(form.get("secret") ?? "").trim();
  const errors: Partial<Record<"appToken" | "secret", FieldError>> = {};
  const appTokenError = checkCredential(appToken, false);
  const secretError = checkCredential(secret, !secretIsSet);
  if (appTokenError) errors.appToken = appTokenError;
  if (secretError) errors.secret = secretError;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, ...(appToken ? { appToken } : {}), ...(secret ? { secret } : {}) };
}

// The settings page saves everything at once, from its one save bar: the Wakilni credentials
// and the delivery settings arrive in one form and are accepted or refused together, so a
// merchant never ends up with half of a change saved. Each part keeps its own reader.
import { readCredentialsForm, type CredentialsChanges, type FieldError, type SavedCredentials } from "./credentials-form";
import { readDeliverySettingsForm } from "./delivery-settings-form";
import type { ShopDeliverySettings } from "./shop-settings.server";

export interface SettingsChanges {
  credentials: CredentialsChanges;
  delivery: ShopDeliverySettings;
}

export type SettingsForm = { ok: true; changes: SettingsChanges } | { ok: false; errors: Partial<Record<string, FieldError>> };

/** `saved`: the sealed credentials already saved, whose fields may stay empty. */
export function readSettingsForm(form: FormData, saved: SavedCredentials): SettingsForm {
  const credentials = readCredentialsForm(form, saved);
  const delivery = readDeliverySettingsForm(form);
  if (credentials.ok && delivery.ok) {
    const { ok: _ok, ...changes } = credentials;
    return { ok: true, changes: { credentials: changes, delivery: delivery.settings } };
  }
  return { ok: false, errors: { ...(credentials.ok ? {} : credentials.errors), ...(delivery.ok ? {} : delivery.errors) } };
}

// The process's sealing keys (SECRETS_ENCRYPTION_KEYS) put to work, once: the box that seals the
// Wakilni credentials and Shopify's tokens, and the keyed digests that name redacted events.
import { env } from "../env.server";
import { EventTombstones } from "../privacy/event-tombstones";
import { SecretBox } from "./secret-box.server";

export const secretBox = new SecretBox(env.SECRETS_ENCRYPTION_KEYS);

export const eventTombstones = new EventTombstones(env.SECRETS_ENCRYPTION_KEYS);

// Why the app refused an order-page action (the order action's "Link a Wakilni waybill", the
// block's "Resolve" and "Retry"): one table of keys and their texts in the merchant's languages.
// The routes answer a key and its values, never a sentence, and the extensions say it in the
// language of the admin; the link and resolve functions carry the same keys in their errors, so
// the app's pages and the operator's command line (English) read the one text too.
// Import-free but for the bidi helper: the admin extensions bundle it as it is.
import { ltrIsolate } from "../i18n/bidi";
import type { Locale } from "../i18n/locale";

type LocalizedText = Readonly<Record<Locale, string>>;

interface RefusalDefinition {
  /** `{name}` is replaced by the value of that name: waybills, order names, Shopify's errors, kept left-to-right in Arabic. */
  text: LocalizedText;
  values: readonly string[];
}

export const ORDER_ACTION_REFUSALS = {
  unauthenticated: {
    text: {
      en: "Shopify did not confirm who is asking. Reload the page, then try again.",
      fr: "Shopify n’a pas confirmé qui fait la demande. Rechargez la page, puis réessayez.",
      ar: "لم يؤكّد Shopify هوية صاحب الطلب. أعد تحميل الصفحة ثم حاول مجددًا.",
    },
    values: [],
  },
  orderId: {
    text: {
      en: "This is not a Shopify order. Reload the page, then try again.",
      fr: "Ce n’est pas une commande Shopify. Rechargez la page, puis réessayez.",
      ar: "هذا ليس طلبًا في Shopify. أعد تحميل الصفحة ثم حاول مجددًا.",
    },
    values: [],
  },
  unreadableRequest: {
    text: {
      en: "The app could not read the request. Reload the page, then try again.",
      fr: "L’app n’a pas pu lire la demande. Rechargez la page, puis réessayez.",
      ar: "تعذّر على التطبيق قراءة الطلب. أعد تحميل الصفحة ثم حاول مجددًا.",
    },
    values: [],
  },
  postOnly: {
    text: {
      en: "This action is sent with POST only.",
      fr: "Cette action s’envoie uniquement avec POST.",
      ar: "يُرسَل هذا الإجراء عبر POST فقط.",
    },
    values: [],
  },
  waybillInvalid: {
    text: {
      en: "A waybill is 1 to {max} characters long, with no line breaks or control characters.",
      fr: "Une lettre de transport compte de 1 à {max} caractères, sans saut de ligne ni caractère de contrôle.",
      ar: "تتكوّن بوليصة الشحن من 1 إلى {max} حرفًا، دون فواصل أسطر أو أحرف تحكّم.",
    },
    values: ["max"],
  },
  waybillNotOnOrder: {
    text: {
      en: "This order has no such Wakilni waybill. Reload the page to see its deliveries.",
      fr: "Cette commande n’a pas cette lettre de transport Wakilni. Rechargez la page pour voir ses livraisons.",
      ar: "لا يحمل هذا الطلب بوليصة Wakilni هذه. أعد تحميل الصفحة لرؤية توصيلاته.",
    },
    values: [],
  },
  notInstalled: {
    text: {
      en: "The app is not installed on this shop any more. Open it from the Apps page to install it again.",
      fr: "L’app n’est plus installée sur cette boutique. Ouvrez-la depuis la page Apps pour la réinstaller.",
      ar: "لم يعد التطبيق مثبّتًا على هذا المتجر. افتحه من صفحة التطبيقات لتثبيته مجددًا.",
    },
    values: [],
  },
  alreadyFulfilled: {
    text: {
      en: "Waybill {waybill} is already fulfilled on order {order}. Unlink it there first.",
      fr: "La lettre de transport {waybill} est déjà traitée sur la commande {order}. Dissociez-la d’abord de celle-ci.",
      ar: "بوليصة الشحن {waybill} منفَّذة بالفعل على الطلب {order}. افصلها عنه أولًا.",
    },
    values: ["waybill", "order"],
  },
  noOrderMatches: {
    text: {
      en: "No order matches “{reference}”.",
      fr: "Aucune commande ne correspond à « {reference} ».",
      ar: "لا يوجد طلب يطابق «{reference}».",
    },
    values: ["reference"],
  },
  busy: {
    text: {
      en: "Waybill {waybill} is being synced right now. Try again in a moment.",
      fr: "La lettre de transport {waybill} est en cours de synchronisation. Réessayez dans un instant.",
      ar: "تجري مزامنة بوليصة الشحن {waybill} الآن. حاول مجددًا بعد لحظة.",
    },
    values: ["waybill"],
  },
  notLinked: {
    text: {
      en: "Waybill {waybill} is not linked to any order.",
      fr: "La lettre de transport {waybill} n’est liée à aucune commande.",
      ar: "بوليصة الشحن {waybill} غير مرتبطة بأي طلب.",
    },
    values: ["waybill"],
  },
  linkInstead: {
    text: {
      en: "Waybill {waybill} is not linked to an order: link it instead.",
      fr: "La lettre de transport {waybill} n’est liée à aucune commande : liez-la plutôt.",
      ar: "بوليصة الشحن {waybill} غير مرتبطة بطلب: اربطها بدلًا من ذلك.",
    },
    values: ["waybill"],
  },
  noSuchDelivery: {
    text: {
      en: "There is no such delivery. Reload the page to see the current ones.",
      fr: "Cette livraison n’existe pas. Rechargez la page pour voir les livraisons actuelles.",
      ar: "لا يوجد توصيل كهذا. أعد تحميل الصفحة لرؤية التوصيلات الحالية.",
    },
    values: [],
  },
  shopifyRefused: {
    text: {
      en: "Shopify refused: {errors}",
      fr: "Refusé par Shopify : {errors}",
      ar: "رفض Shopify: {errors}",
    },
    values: ["errors"],
  },
} as const satisfies Record<string, RefusalDefinition>;

export type OrderActionRefusalKey = keyof typeof ORDER_ACTION_REFUSALS;

type ValuesOf<K extends OrderActionRefusalKey> = Record<(typeof ORDER_ACTION_REFUSALS)[K]["values"][number], string>;

/** What a route answers with a refusal: the key of the table and the values its text names (one of them, for a union of keys). */
export type OrderActionRefusal<K extends OrderActionRefusalKey = OrderActionRefusalKey> = K extends OrderActionRefusalKey
  ? { key: K; values: ValuesOf<K> }
  : never;

/** The JSON body of every refusal of the order surfaces' routes. */
export interface RefusalAnswer {
  error: OrderActionRefusal;
}

/** A refusal, checked against the table's keys and value names. */
export function orderActionRefusal<K extends OrderActionRefusalKey>(
  key: K,
  ...values: keyof ValuesOf<K> extends never ? [] : [ValuesOf<K>]
): OrderActionRefusal<K> {
  return { key, values: values[0] ?? {} } as OrderActionRefusal<K>;
}

/**
 * A refusal in the merchant's language. A key this version does not know (a newer app's) is
 * shown as its key and values rather than hidden.
 */
export function refusalText(refusal: { key: string; values: Readonly<Record<string, string>> }, locale: Locale): string {
  const values = Object.fromEntries(Object.entries(refusal.values).map(([name, value]) => [name, ltrIsolate(String(value), locale)]));
  if (!Object.hasOwn(ORDER_ACTION_REFUSALS, refusal.key)) {
    const shown = Object.entries(values).map(([name, value]) => `${name}: ${value}`);
    return shown.length ? `${refusal.key} (${shown.join("; ")})` : refusal.key;
  }
  const template = ORDER_ACTION_REFUSALS[refusal.key as OrderActionRefusalKey].text[locale];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

function isRefusalAnswer(body: unknown): body is RefusalAnswer {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error !== "object" || error === null) return false;
  const { key, values } = error as Record<string, unknown>;
  return typeof key === "string" && typeof values === "object" && values !== null;
}

/**
 * How an extension reads a route's answer: its JSON when it is a success or a refusal; anything
 * else (a proxy's error page, a crash, no network) throws, for the extension's "check your connection".
 */
export async function readActionAnswer<T>(response: Response, what: string): Promise<T | RefusalAnswer> {
  const body: unknown = await response.json().catch(() => null);
  if (isRefusalAnswer(body)) return body;
  if (response.ok && body !== null) return body as T;
  throw new Error(`${what} answered ${response.status}`);
}

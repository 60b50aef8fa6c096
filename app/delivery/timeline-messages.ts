// Every text the sync engine and the link/unlink commands leave on a delivery's timeline, in the
// merchant's languages. The engine stores only a key and its values (TimelineEntry.messageKey and
// messageValues), never a sentence, so the app's pages and the order-page block can both say it in
// the merchant's language, and a wording fix reaches the entries already stored.
// The inbox's state changes and last errors use the same table (InboxEventTransition.messageKey,
// InboxEvent.lastErrorKey), beside an English `detail` kept for the operator's command line.
// Imports only the status table and import-free helpers: the order-page extension bundles it as it is.
import { ltrIsolate as isolated } from "../i18n/bidi";
import type { Locale } from "../i18n/locale";
import { WAKILNI_STATUSES, type LocalizedText } from "../wakilni/statuses";

/**
 * How a value is shown: `status` is a topic code, said by its name in the status table; `time`
 * an ISO instant, formatted by the caller (the shop's zone, the merchant's locale); `code` text
 * from Shopify or Wakilni as it is (waybills, order names, locations, Shopify's errors), kept
 * left-to-right inside Arabic; `undone` the list of what an unlink took back (see undo-link.ts).
 */
export type TimelineValueKind = "status" | "time" | "code" | "undone";

interface MessageDefinition {
  /** `{name}` is replaced by the value of that name. */
  text: LocalizedText;
  values: Readonly<Record<string, TimelineValueKind>>;
}

export const TIMELINE_MESSAGES = {
  applied: {
    text: { en: "Applied: {status}", fr: "Appliqué : {status}", ar: "تم التطبيق: {status}" },
    values: { status: "status" },
  },
  stale: {
    text: {
      en: "Skipped: older than the last applied event ({lastAppliedAt})",
      fr: "Ignoré : plus ancien que le dernier événement appliqué ({lastAppliedAt})",
      ar: "تم التجاوز: أقدم من آخر حدث مطبَّق ({lastAppliedAt})",
    },
    values: { lastAppliedAt: "time" },
  },
  afterTerminal: {
    text: {
      en: "Skipped: the delivery is already final ({status})",
      fr: "Ignoré : la livraison est déjà terminée ({status})",
      ar: "تم التجاوز: التوصيلة منتهية بالفعل ({status})",
    },
    values: { status: "status" },
  },
  unsupported: {
    text: {
      en: "Not applied: unknown Wakilni status {topicName}",
      fr: "Non appliqué : statut Wakilni inconnu {topicName}",
      ar: "لم يُطبَّق: حالة Wakilni غير معروفة {topicName}",
    },
    values: { topicName: "code" },
  },
  unmatchedOrder: {
    text: {
      en: "No order matches waybill {waybill} yet: retrying for a day, or link it by hand",
      fr: "Aucune commande ne correspond encore à la lettre de transport {waybill} : nouvel essai pendant un jour, ou liez-la à la main",
      ar: "لا يوجد طلب يطابق بوليصة الشحن {waybill} بعد: تُعاد المحاولة لمدة يوم، أو اربطها يدويًا",
    },
    values: { waybill: "code" },
  },
  unmatchedPattern: {
    text: {
      en: "Waybill {waybill} does not fit the shop's waybill pattern; link it by hand",
      fr: "La lettre de transport {waybill} ne suit pas le modèle de la boutique ; liez-la à la main",
      ar: "بوليصة الشحن {waybill} لا تطابق نمط بوالص المتجر؛ اربطها يدويًا",
    },
    values: { waybill: "code" },
  },
  otherServicesLeftAlone: {
    text: {
      en: "Left alone: items fulfilled by {locations}",
      fr: "Laissés tels quels : articles traités par {locations}",
      ar: "تُركت كما هي: منتجات يتولاها {locations}",
    },
    values: { locations: "code" },
  },
  otherItemsLeftAlone: {
    text: {
      en: "Left alone: the order's items at another fulfillment service",
      fr: "Laissés tels quels : les articles de la commande chez un autre service de traitement",
      ar: "تُركت كما هي: منتجات الطلب لدى خدمة تنفيذ أخرى",
    },
    values: {},
  },
  adoptedLatestFulfillment: {
    text: {
      en: "Already fulfilled: Wakilni events go to the order's latest fulfillment",
      fr: "Déjà traitée : les événements Wakilni vont au dernier traitement de la commande",
      ar: "تم التنفيذ مسبقًا: تُضاف أحداث Wakilni إلى آخر عملية تنفيذ للطلب",
    },
    values: {},
  },
  nothingToFulfill: {
    text: {
      en: "Order {order} has nothing left to fulfil at a merchant-managed location",
      fr: "La commande {order} n’a plus rien à traiter dans un lieu géré par le marchand",
      ar: "لم يبقَ في الطلب {order} ما يُنفَّذ من موقع يديره التاجر",
    },
    values: { order: "code" },
  },
  orderGone: {
    text: {
      en: "Order {order} no longer exists in Shopify",
      fr: "La commande {order} n’existe plus dans Shopify",
      ar: "الطلب {order} لم يعد موجودًا في Shopify",
    },
    values: { order: "code" },
  },
  noFulfillmentReturned: {
    text: {
      en: "Shopify did not return the new fulfillment",
      fr: "Shopify n’a pas renvoyé le nouveau traitement",
      ar: "لم يُرجع Shopify عملية التنفيذ الجديدة",
    },
    values: {},
  },
  shopifyRefused: {
    text: { en: "Shopify refused: {error}", fr: "Refusé par Shopify : {error}", ar: "رفض Shopify: {error}" },
    values: { error: "code" },
  },
  attentionTagRefused: {
    text: {
      en: "Shopify refused the tag {tag} as well: {errors}",
      fr: "Shopify a aussi refusé l’étiquette {tag} : {errors}",
      ar: "رفض Shopify الوسم {tag} أيضًا: {errors}",
    },
    values: { tag: "code", errors: "code" },
  },
  attentionTagNotSent: {
    text: {
      en: "The order may lack the tag {tag}: Shopify was unavailable",
      fr: "Il manque peut-être l’étiquette {tag} sur la commande : Shopify était indisponible",
      ar: "قد لا يحمل الطلب الوسم {tag}: كان Shopify غير متاح",
    },
    values: { tag: "code" },
  },
  linkedToOrder: {
    text: {
      en: "Linked to order {order}; its waiting Wakilni events are applied again",
      fr: "Liée à la commande {order} ; ses événements Wakilni en attente sont appliqués",
      ar: "تم الربط بالطلب {order}؛ تُطبَّق أحداث Wakilni المنتظرة",
    },
    values: { order: "code" },
  },
  unlinkedFromOrder: {
    text: {
      en: "Unlinked from order {order} (undone: {undone}); waiting for a link",
      fr: "Déliée de la commande {order} (annulé : {undone}) ; en attente d’un lien",
      ar: "تم فك الربط بالطلب {order} (تم التراجع عن: {undone})؛ بانتظار ربط",
    },
    values: { order: "code", undone: "undone" },
  },
  attentionResolved: {
    text: {
      en: "Attention resolved by {by}: the Needs attention tag was removed from the order",
      fr: "Attention traitée par {by} : l’étiquette « Needs attention » a été retirée de la commande",
      ar: "عالج {by} التنبيه: أُزيل وسم «Needs attention» من الطلب",
    },
    values: { by: "code" },
  },
  cashMarkedPaid: {
    text: {
      en: "Marked paid: {amount} {currency} collected in cash by Wakilni ({gateway})",
      fr: "Marquée payée : {amount} {currency} encaissés en espèces par Wakilni ({gateway})",
      ar: "تم التعليم كمدفوع: حصّل Wakilni نقدًا {amount} {currency} ({gateway})",
    },
    values: { amount: "code", currency: "code", gateway: "code" },
  },
  cashAlreadyPaid: {
    text: {
      en: "Payment left alone: the cash-on-delivery order is already paid",
      fr: "Paiement laissé tel quel : la commande en paiement à la livraison est déjà payée",
      ar: "تُرك الدفع كما هو: طلب الدفع عند الاستلام مدفوع بالفعل",
    },
    values: {},
  },
  cashNotPayable: {
    text: {
      en: "Payment left alone: Shopify cannot mark this order paid",
      fr: "Paiement laissé tel quel : Shopify ne peut pas marquer cette commande payée",
      ar: "تُرك الدفع كما هو: لا يستطيع Shopify تعليم هذا الطلب كمدفوع",
    },
    values: {},
  },
  cashNotMarked: {
    text: {
      en: "Not marked paid: {errors}",
      fr: "Non marquée payée : {errors}",
      ar: "لم يُعلَّم كمدفوع: {errors}",
    },
    values: { errors: "code" },
  },
  flowTriggerSent: {
    text: {
      en: "Shopify Flow trigger sent: {status}",
      fr: "Déclencheur Shopify Flow envoyé : {status}",
      ar: "تم إرسال مشغّل Shopify Flow: {status}",
    },
    values: { status: "status" },
  },
  flowTriggerRefused: {
    text: {
      en: "Shopify Flow refused the trigger for {status}: {errors}",
      fr: "Shopify Flow a refusé le déclencheur pour {status} : {errors}",
      ar: "رفض Shopify Flow المشغّل الخاص بـ {status}: {errors}",
    },
    values: { status: "status", errors: "code" },
  },
  flowTriggerInDoubt: {
    text: {
      en: "Shopify Flow trigger for {status} not sent again: an earlier attempt may have reached Shopify unanswered",
      fr: "Déclencheur Shopify Flow pour {status} non renvoyé : une tentative précédente a pu atteindre Shopify sans réponse",
      ar: "لم يُرسَل مشغّل Shopify Flow الخاص بـ {status} مجددًا: ربما وصلت محاولة سابقة إلى Shopify دون رد",
    },
    values: { status: "status" },
  },
  attentionTriggerSent: {
    text: {
      en: "Shopify Flow trigger “needs attention” sent: {status}",
      fr: "Déclencheur Shopify Flow « à vérifier » envoyé : {status}",
      ar: "تم إرسال مشغّل Shopify Flow «تحتاج إلى مراجعة»: {status}",
    },
    values: { status: "status" },
  },
  attentionTriggerRefused: {
    text: {
      en: "Shopify Flow refused the “needs attention” trigger for {status}: {errors}",
      fr: "Shopify Flow a refusé le déclencheur « à vérifier » pour {status} : {errors}",
      ar: "رفض Shopify Flow مشغّل «تحتاج إلى مراجعة» الخاص بـ {status}: {errors}",
    },
    values: { status: "status", errors: "code" },
  },
  attentionTriggerInDoubt: {
    text: {
      en: "Shopify Flow trigger “needs attention” for {status} not sent again: an earlier attempt may have reached Shopify unanswered",
      fr: "Déclencheur Shopify Flow « à vérifier » pour {status} non renvoyé : une tentative précédente a pu atteindre Shopify sans réponse",
      ar: "لم يُرسَل مشغّل Shopify Flow «تحتاج إلى مراجعة» الخاص بـ {status} مجددًا: ربما وصلت محاولة سابقة إلى Shopify دون رد",
    },
    values: { status: "status" },
  },
  // What the inbox records as it moves an event between states (InboxEventTransition.messageKey,
  // InboxEvent.lastErrorKey), shown in the event's details and the event log.
  alreadyApplied: {
    text: { en: "Already applied", fr: "Déjà appliqué", ar: "مطبَّق بالفعل" },
    values: {},
  },
  appNotInstalled: {
    text: {
      en: "Not applied: the app is not installed on this shop",
      fr: "Non appliqué : l’app n’est pas installée sur cette boutique",
      ar: "لم يُطبَّق: التطبيق غير مثبَّت على هذا المتجر",
    },
    values: {},
  },
  dataRefused: {
    text: {
      en: "Not applied: the database refused the event's data ({error})",
      fr: "Non appliqué : la base de données a refusé les données de l’événement ({error})",
      ar: "لم يُطبَّق: رفضت قاعدة البيانات بيانات الحدث ({error})",
    },
    values: { error: "code" },
  },
  temporaryFailure: {
    text: {
      en: "Temporary failure: {error}",
      fr: "Échec temporaire : {error}",
      ar: "إخفاق مؤقت: {error}",
    },
    values: { error: "code" },
  },
  waitingForEarlierEvent: {
    text: {
      en: "Waiting for an earlier event of this waybill",
      fr: "En attente d’un événement antérieur de cette lettre de transport",
      ar: "بانتظار حدث سابق لبوليصة الشحن هذه",
    },
    values: {},
  },
  leaseExpired: {
    text: {
      en: "Picked up again: an earlier attempt stopped without finishing",
      fr: "Repris : une tentative précédente s’est arrêtée sans finir",
      ar: "استُؤنف: توقفت محاولة سابقة دون أن تكتمل",
    },
    values: {},
  },
  manualRetry: {
    text: { en: "Sent again by a manual retry", fr: "Renvoyé par une relance manuelle", ar: "أُعيد إرساله بإعادة محاولة يدوية" },
    values: {},
  },
  unlinkedWaiting: {
    text: {
      en: "Unlinked from order {order}: waiting for a link",
      fr: "Déliée de la commande {order} : en attente d’un lien",
      ar: "تم فك الربط بالطلب {order}: بانتظار ربط",
    },
    values: { order: "code" },
  },
} as const satisfies Record<string, MessageDefinition>;

export type TimelineMessageKey = keyof typeof TIMELINE_MESSAGES;

type ValuesOf<K extends TimelineMessageKey> = { [V in keyof (typeof TIMELINE_MESSAGES)[K]["values"]]: string | readonly string[] };

/** What the engine stores: a key of the table and the values its text names. */
export interface TimelineMessage<K extends TimelineMessageKey = TimelineMessageKey> {
  key: K;
  values: ValuesOf<K>;
}

/** A timeline message, checked against the table's keys and value names. */
export function timelineMessage<K extends TimelineMessageKey>(key: K, ...values: keyof ValuesOf<K> extends never ? [] : [ValuesOf<K>]) {
  return { key, values: values[0] ?? {} } as TimelineMessage<K>;
}

/** The pieces of an unlink's "undone" list (undo-link.ts writes them), in the merchant's words. */
export const UNDONE_PARTS = {
  tags: { en: "the app's tags", fr: "les étiquettes de l’app", ar: "وسوم التطبيق" },
  tagsNotRemoved: {
    en: "tags not removed ({error})",
    fr: "étiquettes non retirées ({error})",
    ar: "لم تُزل الوسوم ({error})",
  },
  metafield: { en: "the delivery metafield", fr: "le champ méta de livraison", ar: "حقل التوصيل الإضافي" },
  metafieldNotDeleted: {
    en: "metafield not deleted ({error})",
    fr: "champ méta non supprimé ({error})",
    ar: "لم يُحذف الحقل الإضافي ({error})",
  },
  fulfillment: { en: "fulfillment {id} cancelled", fr: "traitement {id} annulé", ar: "أُلغيت عملية التنفيذ {id}" },
  fulfillmentNotCancelled: {
    en: "fulfillment {id} not cancelled ({error})",
    fr: "traitement {id} non annulé ({error})",
    ar: "لم تُلغَ عملية التنفيذ {id} ({error})",
  },
} as const satisfies Record<string, LocalizedText>;

export interface TimelineTextOptions {
  locale: Locale;
  /** An ISO instant as the merchant reads it (the shop's zone, the locale's format). */
  formatTime: (iso: string) => string;
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

/** The last segment of a GID ("gid://shopify/Fulfillment/42" is 42): what a merchant can match in Shopify. */
function shortId(id: string): string {
  return id.slice(id.lastIndexOf("/") + 1);
}

function undonePart(part: string, locale: Locale): string {
  // "<what>" or "<what>: <Shopify's error>"; a fulfillment's GID has "://", never ": ".
  const separator = part.indexOf(": ");
  const what = separator < 0 ? part : part.slice(0, separator);
  const error = isolated(separator < 0 ? "" : part.slice(separator + 2), locale);
  if (what === "tags") return UNDONE_PARTS.tags[locale];
  if (what === "metafield") return UNDONE_PARTS.metafield[locale];
  if (what === "tags-not-removed") return fill(UNDONE_PARTS.tagsNotRemoved[locale], { error });
  if (what === "metafield-not-deleted") return fill(UNDONE_PARTS.metafieldNotDeleted[locale], { error });
  const fulfillment = /^fulfillment(-not-cancelled)?:(.+)$/.exec(what);
  if (fulfillment) {
    const id = isolated(shortId(fulfillment[2]), locale);
    return fulfillment[1]
      ? fill(UNDONE_PARTS.fulfillmentNotCancelled[locale], { id, error })
      : fill(UNDONE_PARTS.fulfillment[locale], { id });
  }
  return isolated(part, locale);
}

function valueText(kind: TimelineValueKind | undefined, value: string | readonly string[], options: TimelineTextOptions): string {
  const { locale } = options;
  const list = typeof value === "string" ? [value] : value;
  switch (kind) {
    case "status":
      return list
        .map((code) =>
          Object.hasOwn(WAKILNI_STATUSES, code) ? WAKILNI_STATUSES[code as keyof typeof WAKILNI_STATUSES].name[locale] : code,
        )
        .join(", ");
    case "time":
      return list.map((iso) => (Number.isNaN(Date.parse(iso)) ? iso : options.formatTime(iso))).join(", ");
    case "undone":
      return new Intl.ListFormat(locale, { type: "conjunction" }).format(list.map((part) => undonePart(part, locale)));
    default:
      return list.map((text) => isolated(text, locale)).join(", ");
  }
}

/**
 * A stored message in the merchant's language. A key this version does not know (a newer
 * version's, or a typo in a stored row) is shown as its key and values rather than hidden.
 */
export function timelineText(
  key: string,
  values: Readonly<Record<string, string | readonly string[]>>,
  options: TimelineTextOptions,
): string {
  if (!Object.hasOwn(TIMELINE_MESSAGES, key)) {
    const shown = Object.entries(values).map(([name, value]) => `${name}: ${typeof value === "string" ? value : value.join(", ")}`);
    return shown.length ? `${key} (${shown.join("; ")})` : key;
  }
  const definition: MessageDefinition = TIMELINE_MESSAGES[key as TimelineMessageKey];
  const filled = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, valueText(definition.values[name], value, options)]),
  );
  return fill(definition.text[options.locale], filled);
}

/** English with ISO times, for logs and the inbox's state-change details (read by operators, not merchants). */
export function timelineLogText(message: TimelineMessage): string {
  return timelineText(message.key, message.values, { locale: "en", formatTime: (iso) => iso });
}

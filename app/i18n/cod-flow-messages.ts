// The merchant's texts of the cash-on-delivery and Shopify Flow work (issue 10), kept in their own
// module so the areas built in parallel do not edit the same lines of messages.ts; each catalog
// there spreads the matching one of these. French and Arabic must have exactly English's keys.
export const en = {
  "settings.markCodPaid.label": "Mark cash-on-delivery orders paid when delivered",
  "settings.markCodPaid.help":
    "When Wakilni delivers an order whose cash-on-delivery payment is still pending, the app marks it paid in Shopify. Orders paid another way are left alone.",
  "cash.title": "Cash collected by Wakilni",
  "cash.total": "{amount} over the last {days} days",
  "cash.empty": "No cash-on-delivery order was marked paid in the last {days} days.",
  "cash.day": "Day",
  "cash.amount": "Amount",
};

type Catalog = Record<keyof typeof en, string>;

export const fr: Catalog = {
  "settings.markCodPaid.label": "Marquer comme payées les commandes en paiement à la livraison une fois livrées",
  "settings.markCodPaid.help":
    "Quand Wakilni livre une commande dont le paiement à la livraison est encore en attente, l'application la marque payée dans Shopify. Les commandes payées autrement ne sont pas touchées.",
  "cash.title": "Espèces encaissées par Wakilni",
  "cash.total": "{amount} sur les {days} derniers jours",
  "cash.empty": "Aucune commande en paiement à la livraison n'a été marquée payée ces {days} derniers jours.",
  "cash.day": "Jour",
  "cash.amount": "Montant",
};

export const ar: Catalog = {
  "settings.markCodPaid.label": "تعليم طلبات الدفع عند الاستلام كمدفوعة عند تسليمها",
  "settings.markCodPaid.help":
    "عندما يسلّم Wakilni طلباً لا يزال الدفع عند الاستلام فيه معلّقاً، يعلّمه التطبيق كمدفوع في Shopify. لا تُمسّ الطلبات المدفوعة بطريقة أخرى.",
  "cash.title": "النقد الذي حصّله Wakilni",
  "cash.total": "{amount} خلال آخر {days} يوماً",
  "cash.empty": "لم يُعلَّم أي طلب دفع عند الاستلام كمدفوع خلال آخر {days} يوماً.",
  "cash.day": "اليوم",
  "cash.amount": "المبلغ",
};

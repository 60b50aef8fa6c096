// The delivery page's timeline and the event log's texts (search, totals, bulk retry), kept
// apart from messages.ts so parallel work on other pages does not edit the same lines; each
// catalog of messages.ts spreads its language. fr and ar must have exactly en's keys.
export const en = {
  "timeline.undone": "Undone",
  "timeline.undoneAt": "Undone by an unlink {at}",
  "timeline.waiting": "Not processed yet",
  "timeline.happenedAt": "Wakilni: {at}",
  "timeline.noteAt": "App: {at}",
  "timeline.actions": "What the app did",
  "timeline.inbox": "Attempts: {attempts} · times received: {receipts}",
  "timeline.eventDetails": "Event details",
  "events.search.placeholder": "Waybill, event id or order",
  "events.filter.status": "Wakilni status",
  "events.filter.dates": "Received",
  "events.filter.from": "From",
  "events.filter.to": "To",
  "events.filter.datesApplied": "Received {from} – {to}",
  "events.tab.count": "{label} ({count})",
  "events.bulkRetry": "Retry selected",
  "events.bulkRetried": "{count} events queued for another attempt",
  "events.bulkNone": "None of the selected events can be retried",
  "events.column.topicAndWaybill": "Wakilni status · waybill",
  "events.column.counts": "Attempts · received",
} as const;

type Catalog = Record<keyof typeof en, string>;

export const fr: Catalog = {
  "timeline.undone": "Annulé",
  "timeline.undoneAt": "Annulé par une déliaison le {at}",
  "timeline.waiting": "Pas encore traité",
  "timeline.happenedAt": "Wakilni : {at}",
  "timeline.noteAt": "App : {at}",
  "timeline.actions": "Ce que l’app a fait",
  "timeline.inbox": "Tentatives : {attempts} · réceptions : {receipts}",
  "timeline.eventDetails": "Détails de l’événement",
  "events.search.placeholder": "Lettre de transport, id d’événement ou commande",
  "events.filter.status": "Statut Wakilni",
  "events.filter.dates": "Reçu",
  "events.filter.from": "Du",
  "events.filter.to": "Au",
  "events.filter.datesApplied": "Reçu du {from} au {to}",
  "events.tab.count": "{label} ({count})",
  "events.bulkRetry": "Réessayer la sélection",
  "events.bulkRetried": "{count} événements remis en file d’attente",
  "events.bulkNone": "Aucun des événements sélectionnés ne peut être réessayé",
  "events.column.topicAndWaybill": "Statut Wakilni · lettre de transport",
  "events.column.counts": "Tentatives · réceptions",
};

export const ar: Catalog = {
  "timeline.undone": "تم التراجع",
  "timeline.undoneAt": "تم التراجع بفك الربط {at}",
  "timeline.waiting": "لم يُعالَج بعد",
  // The brand in Arabic letters: after a Latin "Wakilni:" the date took the Latin run's direction ("2026/12/Wakilni: 01").
  "timeline.happenedAt": "وكيلني: {at}",
  "timeline.noteAt": "التطبيق: {at}",
  "timeline.actions": "ما قام به التطبيق",
  "timeline.inbox": "المحاولات: {attempts} · مرات الاستلام: {receipts}",
  "timeline.eventDetails": "تفاصيل الحدث",
  "events.search.placeholder": "بوليصة الشحن أو معرّف الحدث أو الطلب",
  "events.filter.status": "حالة Wakilni",
  "events.filter.dates": "تاريخ الاستلام",
  "events.filter.from": "من",
  "events.filter.to": "إلى",
  "events.filter.datesApplied": "الاستلام من {from} إلى {to}",
  "events.tab.count": "{label} ({count})",
  "events.bulkRetry": "إعادة محاولة المحدد",
  "events.bulkRetried": "أُعيد {count} من الأحداث إلى قائمة الانتظار",
  "events.bulkNone": "لا يمكن إعادة محاولة أي من الأحداث المحددة",
  "events.column.topicAndWaybill": "حالة Wakilni · بوليصة الشحن",
  "events.column.counts": "المحاولات · الاستلام",
};

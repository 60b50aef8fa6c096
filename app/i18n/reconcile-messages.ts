// The merchant's texts of "Refresh from Wakilni" and the reconciliation job (issue 13): the
// delivery page's button and its result, the settings' switch, the home page's last run. Kept in
// their own module (spread into messages.ts) so the areas built in parallel do not edit the same
// lines. French and Arabic must have exactly English's keys.
export const en = {
  "refresh.button": "Refresh from Wakilni",
  "refresh.newChanges": "Wakilni knew {count} status change(s) the app had missed; they are being applied now.",
  "refresh.nothingNew": "Nothing new: the app already has every status change Wakilni knows ({status}).",
  "refresh.unreadable": "{count} status change(s) from Wakilni could not be read and were left out.",
  "refresh.failed": "Wakilni could not be asked: {reason}",
  "refresh.notConnected": "Refresh needs a working connection to Wakilni's API: run Test connection in Settings.",
  "refresh.failure.unreachable": "Wakilni's API could not be reached ({detail}).",
  "refresh.failure.refused": "Wakilni refused the credentials ({detail}). Check them in Settings.",
  "refresh.failure.rate_limited": "Wakilni asked the app to slow down; it will ask again later.",
  "refresh.failure.not_found": "Wakilni has no order with this waybill.",
  "refresh.failure.server_error": "Wakilni's API failed ({detail}); the app will ask again later.",
  "refresh.failure.unexpected_answer": "Wakilni's API answered something the app cannot read ({detail}).",
  "settings.reconcile.title": "Reconciliation",
  "settings.reconcile.enabled.label": "Ask Wakilni about parcels that went silent",
  "settings.reconcile.enabled.help":
    "Webhooks can get lost. When a parcel on its way sends no update for the hours below, the app asks Wakilni's API for its status and applies what it missed. It runs only after Test connection has passed.",
  "settings.reconcile.silentHours.label": "Ask after this many silent hours",
  "settings.reconcile.perMinute.label": "Wakilni look-ups per minute, at most",
  "home.reconcile.title": "Reconciliation",
  "home.reconcile.lastRun": "Last run {time}: {checked} silent parcel(s) checked, {healed} healed.",
  "home.reconcile.never": "It has not run yet.",
  "home.reconcile.off": "Off. Switch it on in Settings.",
  "home.reconcile.waiting": "Waiting for Test connection to pass in Settings.",
  "home.reconcile.refused": "Stopped: Wakilni refused the credentials. It starts again once Test connection passes.",
  "home.reconcile.problem": "Last problem: {reason}",
} as const;

type Catalog = Record<keyof typeof en, string>;

export const fr: Catalog = {
  "refresh.button": "Actualiser depuis Wakilni",
  "refresh.newChanges":
    "Wakilni connaissait {count} changement(s) de statut que l’application avait manqués ; ils sont en cours d’application.",
  "refresh.nothingNew": "Rien de nouveau : l’application a déjà tous les changements de statut connus de Wakilni ({status}).",
  "refresh.unreadable": "{count} changement(s) de statut de Wakilni n’ont pas pu être lus et ont été laissés de côté.",
  "refresh.failed": "Impossible d’interroger Wakilni : {reason}",
  "refresh.notConnected":
    "L’actualisation demande une connexion valide à l’API de Wakilni : lancez Tester la connexion dans les Paramètres.",
  "refresh.failure.unreachable": "L’API de Wakilni est injoignable ({detail}).",
  "refresh.failure.refused": "Wakilni a refusé les identifiants ({detail}). Vérifiez-les dans les Paramètres.",
  "refresh.failure.rate_limited": "Wakilni demande de ralentir ; l’application réessaiera plus tard.",
  "refresh.failure.not_found": "Wakilni n’a aucune commande avec ce bordereau.",
  "refresh.failure.server_error": "L’API de Wakilni a échoué ({detail}) ; l’application réessaiera plus tard.",
  "refresh.failure.unexpected_answer": "L’API de Wakilni a répondu quelque chose d’illisible pour l’application ({detail}).",
  "settings.reconcile.title": "Rapprochement",
  "settings.reconcile.enabled.label": "Interroger Wakilni sur les colis restés silencieux",
  "settings.reconcile.enabled.help":
    "Des webhooks peuvent se perdre. Quand un colis en route n’envoie aucune mise à jour pendant le nombre d’heures ci-dessous, l’application demande son statut à l’API de Wakilni et applique ce qu’elle a manqué. Cela ne fonctionne qu’après un test de connexion réussi.",
  "settings.reconcile.silentHours.label": "Interroger après ce nombre d’heures de silence",
  "settings.reconcile.perMinute.label": "Requêtes à Wakilni par minute, au plus",
  "home.reconcile.title": "Rapprochement",
  "home.reconcile.lastRun": "Dernier passage {time} : {checked} colis silencieux vérifié(s), {healed} corrigé(s).",
  "home.reconcile.never": "Il n’a pas encore tourné.",
  "home.reconcile.off": "Désactivé. Activez-le dans les Paramètres.",
  "home.reconcile.waiting": "En attente d’un test de connexion réussi dans les Paramètres.",
  "home.reconcile.refused": "Arrêté : Wakilni a refusé les identifiants. Il reprend dès qu’un test de connexion réussit.",
  "home.reconcile.problem": "Dernier problème : {reason}",
};

export const ar: Catalog = {
  "refresh.button": "تحديث من Wakilni",
  "refresh.newChanges": "كان لدى Wakilni {count} تغيير(ات) في الحالة فاتت التطبيق؛ يجري تطبيقها الآن.",
  "refresh.nothingNew": "لا جديد: لدى التطبيق كل تغييرات الحالة التي يعرفها Wakilni ({status}).",
  "refresh.unreadable": "تعذّرت قراءة {count} تغيير(ات) في الحالة من Wakilni فتُركت جانباً.",
  "refresh.failed": "تعذّر سؤال Wakilni: {reason}",
  "refresh.notConnected": "يحتاج التحديث إلى اتصال صالح بواجهة Wakilni: شغّل اختبار الاتصال في الإعدادات.",
  "refresh.failure.unreachable": "تعذّر الوصول إلى واجهة Wakilni ({detail}).",
  "refresh.failure.refused": "رفض Wakilni بيانات الاعتماد ({detail}). تحقّق منها في الإعدادات.",
  "refresh.failure.rate_limited": "طلب Wakilni من التطبيق التمهّل؛ سيسأله مجدداً لاحقاً.",
  "refresh.failure.not_found": "لا يوجد لدى Wakilni طلب بهذا الرقم.",
  "refresh.failure.server_error": "فشلت واجهة Wakilni ({detail})؛ سيسأل التطبيق مجدداً لاحقاً.",
  "refresh.failure.unexpected_answer": "أجابت واجهة Wakilni بما لا يستطيع التطبيق قراءته ({detail}).",
  "settings.reconcile.title": "المطابقة",
  "settings.reconcile.enabled.label": "سؤال Wakilni عن الطرود التي انقطعت أخبارها",
  "settings.reconcile.enabled.help":
    "قد تضيع بعض الإشعارات. عندما لا يصل أي تحديث عن طرد في الطريق خلال عدد الساعات أدناه، يسأل التطبيق واجهة Wakilni عن حالته ويطبّق ما فاته. لا تعمل إلا بعد نجاح اختبار الاتصال.",
  "settings.reconcile.silentHours.label": "السؤال بعد هذا العدد من ساعات الصمت",
  "settings.reconcile.perMinute.label": "الحد الأقصى لطلبات Wakilni في الدقيقة",
  "home.reconcile.title": "المطابقة",
  "home.reconcile.lastRun": "آخر تشغيل {time}: فُحص {checked} طرد صامت، وصُحّح {healed}.",
  "home.reconcile.never": "لم تعمل بعد.",
  "home.reconcile.off": "متوقفة. فعّلها من الإعدادات.",
  "home.reconcile.waiting": "بانتظار نجاح اختبار الاتصال في الإعدادات.",
  "home.reconcile.refused": "متوقفة: رفض Wakilni بيانات الاعتماد. تعود للعمل عند نجاح اختبار الاتصال.",
  "home.reconcile.problem": "آخر مشكلة: {reason}",
};

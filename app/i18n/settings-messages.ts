// The settings page's texts added with its save bar, inline errors, tracking-link preview and
// the app token's explanation (contract 5: each area keeps its new keys in its own module,
// spread into the catalogues of messages.ts).
export const en = {
  "settings.discard": "Discard",
  "settings.unsaved": "Unsaved changes",
  "settings.notSaved.title": "Nothing was saved",
  "settings.notSaved.body": "Correct the fields marked in red, then save again.",
  "settings.appToken.help":
    "Optional. The app does not call Wakilni’s API yet: Wakilni’s webhooks, checked with the secret below, are all it needs today. A coming version will use this token to check the connection to Wakilni, refresh a parcel’s status on request and catch up on events Wakilni could not deliver.",
  "settings.tracking.preview": "Preview with waybill {waybill}: {url}",
  "settings.tracking.previewPending": "The preview appears once the address is complete (https://…).",
  "settings.tracking.none":
    "No tracking URL: Shopify’s shipping emails will tell your customers their order shipped with Wakilni, without a link to follow it.",
} as const;

type SettingsMessages = Record<keyof typeof en, string>;

export const fr: SettingsMessages = {
  "settings.discard": "Ignorer",
  "settings.unsaved": "Modifications non enregistrées",
  "settings.notSaved.title": "Rien n’a été enregistré",
  "settings.notSaved.body": "Corrigez les champs signalés en rouge, puis enregistrez de nouveau.",
  "settings.appToken.help":
    "Facultatif. L’app n’appelle pas encore l’API de Wakilni : les webhooks de Wakilni, vérifiés avec le secret ci-dessous, lui suffisent aujourd’hui. Une prochaine version utilisera ce jeton pour vérifier la connexion à Wakilni, actualiser le statut d’un colis à la demande et rattraper les événements que Wakilni n’a pas pu livrer.",
  "settings.tracking.preview": "Aperçu avec la lettre de transport {waybill} : {url}",
  "settings.tracking.previewPending": "L’aperçu s’affiche une fois l’adresse complète (https://…).",
  "settings.tracking.none":
    "Pas d’URL de suivi : les e-mails d’expédition de Shopify diront à vos clients que leur commande est partie avec Wakilni, sans lien pour la suivre.",
};

export const ar: SettingsMessages = {
  "settings.discard": "تجاهل",
  "settings.unsaved": "تغييرات غير محفوظة",
  "settings.notSaved.title": "لم يُحفظ شيء",
  "settings.notSaved.body": "صحّح الحقول المحددة باللون الأحمر، ثم احفظ مرة أخرى.",
  "settings.appToken.help":
    "اختياري. لا يتصل التطبيق بواجهة وكيلني البرمجية بعد: تكفيه اليوم إشعارات وكيلني التي يتحقق منها بالسر أدناه. سيستخدم إصدار قادم هذا الرمز للتحقق من الاتصال بوكيلني، وتحديث حالة الطرد عند الطلب، واستدراك الأحداث التي لم يتمكن وكيلني من إرسالها.",
  "settings.tracking.preview": "معاينة ببوليصة الشحن {waybill}: {url}",
  "settings.tracking.previewPending": "تظهر المعاينة عند اكتمال العنوان (https://…).",
  "settings.tracking.none": "لا يوجد رابط تتبع: ستُعلم رسائل الشحن من Shopify عملاءك بأن طلبهم شُحن مع وكيلني، دون رابط لمتابعته.",
};

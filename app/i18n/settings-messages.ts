// The settings page's texts added with its save bar, inline errors, tracking-link preview, the
// app token's explanation, and the Wakilni API's region, key/secret pair and connection check
// (contract 5: each area keeps its new keys in its own module, spread into the catalogues of
// messages.ts).
export const en = {
  "settings.discard": "Discard",
  "settings.unsaved": "Unsaved changes",
  "settings.notSaved.title": "Nothing was saved",
  "settings.notSaved.body": "Correct the fields marked in red, then save again.",
  "settings.appToken.help":
    "Lets the app ask Wakilni’s API for a parcel’s status: to test the connection, refresh a delivery and catch up on events whose webhooks were lost. Webhooks need only the secret above.",
  "settings.region.label": "Wakilni region",
  "settings.region.help": "The Wakilni server your account is on: the app asks it for your parcels’ status.",
  "settings.region.lebanon": "Lebanon",
  "settings.region.jordan": "Jordan",
  "settings.region.test": "Test (Wakilni’s test server)",
  "settings.apiKey.label": "API key",
  "settings.apiSecret.label": "API secret",
  "settings.apiPair.help":
    "Only if Wakilni refuses the app token: in Wakilni’s client portal, Settings → Api Tokens → Link to your custom app gives a key and a secret. Enter both.",
  "settings.connection.title": "Connection to Wakilni’s API",
  "settings.connection.test": "Test connection",
  "settings.connection.retry": "Try again",
  "settings.connection.never": "Not tested yet. Saving new credentials tests them.",
  "settings.connection.noCredentials": "Enter the app token, or the API key and secret, to connect the app to Wakilni’s API.",
  "settings.connection.ok": "Connected to Wakilni as {account}.",
  "settings.connection.okNoName": "Connected to Wakilni.",
  "settings.connection.unreachable": "Wakilni’s API could not be reached ({detail}). Check the region, then try again in a few minutes.",
  "settings.connection.refused":
    "Wakilni refused the credentials ({detail}). Check the app token, or the API key and secret, and the region.",
  "settings.connection.rateLimited": "Wakilni asked the app to slow down ({detail}). Try again in a minute.",
  "settings.connection.serverError": "Wakilni’s API had an error ({detail}). Try again in a few minutes.",
  "settings.connection.unexpected":
    "Wakilni’s API gave an answer the app does not understand ({detail}). Try again; if it persists, contact support with this message.",
  "settings.connection.checkedAt": "Checked {at}.",
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
    "Permet à l’app de demander à l’API de Wakilni le statut d’un colis : pour tester la connexion, actualiser une livraison et rattraper les événements dont les webhooks se sont perdus. Les webhooks n’ont besoin que du secret ci-dessus.",
  "settings.region.label": "Région Wakilni",
  "settings.region.help": "Le serveur Wakilni de votre compte : l’app lui demande le statut de vos colis.",
  "settings.region.lebanon": "Liban",
  "settings.region.jordan": "Jordanie",
  "settings.region.test": "Test (serveur de test de Wakilni)",
  "settings.apiKey.label": "Clé d’API",
  "settings.apiSecret.label": "Secret d’API",
  "settings.apiPair.help":
    "Seulement si Wakilni refuse le jeton d’application : dans le portail client de Wakilni, Settings → Api Tokens → Link to your custom app donne une clé et un secret. Saisissez les deux.",
  "settings.connection.title": "Connexion à l’API de Wakilni",
  "settings.connection.test": "Tester la connexion",
  "settings.connection.retry": "Réessayer",
  "settings.connection.never": "Pas encore testée. L’enregistrement de nouveaux identifiants les teste.",
  "settings.connection.noCredentials":
    "Saisissez le jeton d’application, ou la clé et le secret d’API, pour connecter l’app à l’API de Wakilni.",
  "settings.connection.ok": "Connectée à Wakilni en tant que {account}.",
  "settings.connection.okNoName": "Connectée à Wakilni.",
  "settings.connection.unreachable":
    "L’API de Wakilni est injoignable ({detail}). Vérifiez la région, puis réessayez dans quelques minutes.",
  "settings.connection.refused":
    "Wakilni a refusé les identifiants ({detail}). Vérifiez le jeton d’application, ou la clé et le secret d’API, et la région.",
  "settings.connection.rateLimited": "Wakilni demande à l’app de ralentir ({detail}). Réessayez dans une minute.",
  "settings.connection.serverError": "L’API de Wakilni a rencontré une erreur ({detail}). Réessayez dans quelques minutes.",
  "settings.connection.unexpected":
    "L’API de Wakilni a donné une réponse que l’app ne comprend pas ({detail}). Réessayez ; si cela persiste, contactez le support avec ce message.",
  "settings.connection.checkedAt": "Vérifiée le {at}.",
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
    "يتيح للتطبيق أن يسأل واجهة وكيلني البرمجية عن حالة الطرد: لاختبار الاتصال، وتحديث التوصيلة، واستدراك الأحداث التي ضاعت إشعاراتها. أما الإشعارات فلا تحتاج إلا إلى السر أعلاه.",
  "settings.region.label": "منطقة وكيلني",
  "settings.region.help": "خادم وكيلني الذي فيه حسابك: يسأله التطبيق عن حالة طرودك.",
  "settings.region.lebanon": "لبنان",
  "settings.region.jordan": "الأردن",
  "settings.region.test": "تجريبي (خادم وكيلني التجريبي)",
  "settings.apiKey.label": "مفتاح الواجهة البرمجية",
  "settings.apiSecret.label": "سر الواجهة البرمجية",
  "settings.apiPair.help":
    "فقط إذا رفض وكيلني رمز التطبيق: في بوابة عملاء وكيلني، يعطيك Settings ← Api Tokens ← Link to your custom app مفتاحاً وسراً. أدخل الاثنين.",
  "settings.connection.title": "الاتصال بواجهة وكيلني البرمجية",
  "settings.connection.test": "اختبار الاتصال",
  "settings.connection.retry": "إعادة المحاولة",
  "settings.connection.never": "لم يُختبر بعد. حفظ بيانات اعتماد جديدة يختبرها.",
  "settings.connection.noCredentials": "أدخل رمز التطبيق، أو مفتاح الواجهة البرمجية وسرها، لربط التطبيق بواجهة وكيلني البرمجية.",
  "settings.connection.ok": "متصل بوكيلني باسم {account}.",
  "settings.connection.okNoName": "متصل بوكيلني.",
  "settings.connection.unreachable": "تعذّر الوصول إلى واجهة وكيلني البرمجية ({detail}). تحقق من المنطقة، ثم أعد المحاولة بعد بضع دقائق.",
  "settings.connection.refused":
    "رفض وكيلني بيانات الاعتماد ({detail}). تحقق من رمز التطبيق، أو من مفتاح الواجهة البرمجية وسرها، ومن المنطقة.",
  "settings.connection.rateLimited": "طلب وكيلني من التطبيق الإبطاء ({detail}). أعد المحاولة بعد دقيقة.",
  "settings.connection.serverError": "حدث خطأ في واجهة وكيلني البرمجية ({detail}). أعد المحاولة بعد بضع دقائق.",
  "settings.connection.unexpected":
    "أعطت واجهة وكيلني البرمجية جواباً لا يفهمه التطبيق ({detail}). أعد المحاولة؛ وإن تكرر ذلك، راسل الدعم بهذه الرسالة.",
  "settings.connection.checkedAt": "تم التحقق في {at}.",
  "settings.tracking.preview": "معاينة ببوليصة الشحن {waybill}: {url}",
  "settings.tracking.previewPending": "تظهر المعاينة عند اكتمال العنوان (https://…).",
  "settings.tracking.none": "لا يوجد رابط تتبع: ستُعلم رسائل الشحن من Shopify عملاءك بأن طلبهم شُحن مع وكيلني، دون رابط لمتابعته.",
};

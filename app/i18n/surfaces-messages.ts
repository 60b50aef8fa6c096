// The order surfaces' texts in the app's own pages (issue 10): the setting that lets the driver's
// phone reach buyers. The extensions' texts live in their locale files.
export const en = {
  "settings.driverPhone.label": "Show the driver's phone to buyers",
  "settings.driverPhone.help":
    "The buyer's order status page then shows the driver's phone next to their first name while the parcel is out for delivery. Off, buyers see the first name only.",
} as const;

export const fr: Record<keyof typeof en, string> = {
  "settings.driverPhone.label": "Montrer le téléphone du livreur aux acheteurs",
  "settings.driverPhone.help":
    "La page de suivi de commande de l’acheteur affiche alors le téléphone du livreur à côté de son prénom pendant la livraison. Désactivé, l’acheteur ne voit que le prénom.",
};

export const ar: Record<keyof typeof en, string> = {
  "settings.driverPhone.label": "إظهار رقم هاتف السائق للمشترين",
  "settings.driverPhone.help":
    "تعرض عندها صفحة حالة الطلب لدى المشتري رقم هاتف السائق بجانب اسمه الأول أثناء خروج الطرد للتوصيل. عند إيقافه، لا يرى المشتري سوى الاسم الأول.",
};

// A stand-in for the `shopify` global that Shopify's admin and customer accounts give a UI
// extension: the extension's own locale files behind i18n (as Shopify resolves them: the
// language's file, then the default one; `{{name}}` filled in, `count` picking a plural form),
// the selected resource, close(), navigation, and the app metafields a customer-account block reads.
// Sandbox and tests only: the rendering tests and the demo's order pages run the extensions'
// real modules against it. No DOM or Node import, so the demo bundles it for the browser.

export type LocaleMessages = { [key: string]: string | LocaleMessages };

export interface ExtensionHostOptions {
  /** The language Shopify would pick ("en", "fr", "ar"…). */
  language: string;
  /** The extension's locale files by language, with the default file under `defaultLanguage`. */
  locales: Readonly<Record<string, LocaleMessages>>;
  defaultLanguage?: string;
  /** `data.selected` of admin targets: the order being viewed. */
  selectedId?: string;
  /** customer-account targets: the order's app-owned metafields, as `appMetafields` entries. */
  appMetafields?: { target: { type: "order"; id: string }; metafield: { namespace: string; key: string; value: string; type: string } }[];
  onClose?: () => void;
  /** An admin block's navigation.navigate ("extension://<handle>" opens an order action). */
  onNavigate?: (url: string) => void;
}

function lookup(messages: LocaleMessages | undefined, key: string): string | LocaleMessages | undefined {
  let node: string | LocaleMessages | undefined = messages;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return node;
}

/** A value that never changes, shaped like the SubscribableSignalLike Shopify passes. */
function constantSignal<T>(value: T) {
  return {
    value,
    current: value,
    subscribe: (listener: (value: T) => void) => {
      listener(value);
      return () => undefined;
    },
    destroy: async () => undefined,
  };
}

export function createShopifyGlobal(options: ExtensionHostOptions) {
  const { language, locales, defaultLanguage = "en" } = options;
  const plural = new Intl.PluralRules(language);

  function translate(key: string, replacements: Record<string, unknown> = {}): string {
    let found = lookup(locales[language], key) ?? lookup(locales[defaultLanguage], key);
    if (found !== undefined && typeof found !== "string" && typeof replacements.count === "number") {
      found = found[plural.select(replacements.count)] ?? found.other;
    }
    // Shopify answers an unknown key with the key itself.
    if (typeof found !== "string") return key;
    return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) =>
      name in replacements ? String(replacements[name]) : placeholder,
    );
  }

  return {
    i18n: {
      translate,
      formatDate: (date: Date, format?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(language, format).format(date),
      formatNumber: (number: number | bigint, format?: Intl.NumberFormatOptions) => new Intl.NumberFormat(language, format).format(number),
    },
    data: { selected: options.selectedId ? [{ id: options.selectedId }] : [] },
    localization: { language: constantSignal({ isoCode: language }) },
    appMetafields: constantSignal(options.appMetafields ?? []),
    close: () => options.onClose?.(),
    navigation: { navigate: (url: string | URL) => options.onNavigate?.(String(url)) },
  };
}

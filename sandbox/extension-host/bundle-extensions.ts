// Bundles the UI extensions' real modules for the demo's order pages, at demo start, the way
// the Shopify CLI does for the admin (esbuild, Preact's JSX): each extension's module, named by
// the `module` of its target in its shopify.extension.toml, behind host-page.ts, as one script
// for the browser. Also reads each extension's locale files, which the host hands to i18n.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import type { LocaleMessages } from "./shopify-global";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The extensions the demo's pages show, by handle (their folder under extensions/). */
export const DEMO_EXTENSIONS = {
  block: "delivery-timeline",
  action: "link-waybill-action",
  buyer: "order-status-tracking",
} as const;

export type DemoExtensionHandle = (typeof DEMO_EXTENSIONS)[keyof typeof DEMO_EXTENSIONS];

export interface ExtensionBundle {
  handle: string;
  /** The Shopify target the module renders (admin.order-details.block.render…). */
  target: string;
  /** The browser script: host set-up, then the extension's module. */
  script: string;
  locales: Record<string, LocaleMessages>;
}

/** An extension's locale files by language ("en.default.json" is "en"). */
export function extensionLocales(extensionDir: string): Record<string, LocaleMessages> {
  const dir = path.join(extensionDir, "locales");
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith(".json"))
      .map((file) => [file.split(".")[0], JSON.parse(readFileSync(path.join(dir, file), "utf8")) as LocaleMessages]),
  );
}

/** The first target of the extension's configuration and the module it renders. */
function targetOf(extensionDir: string): { target: string; module: string } {
  const toml = readFileSync(path.join(extensionDir, "shopify.extension.toml"), "utf8");
  const block = toml.split("[[extensions.targeting]]")[1] ?? "";
  const module = /^\s*module\s*=\s*"([^"]+)"/m.exec(block)?.[1];
  const target = /^\s*target\s*=\s*"([^"]+)"/m.exec(block)?.[1];
  if (!module || !target) throw new Error(`${extensionDir}/shopify.extension.toml names no target module`);
  return { target, module };
}

async function bundleExtension(handle: string): Promise<ExtensionBundle> {
  const extensionDir = path.join(ROOT, "extensions", handle);
  const { target, module } = targetOf(extensionDir);
  const result = await build({
    stdin: {
      contents: [
        `import { startExtension } from ${JSON.stringify(path.join(ROOT, "sandbox/extension-host/host-page.ts"))};`,
        `import run from ${JSON.stringify(path.join(extensionDir, module))};`,
        "startExtension(run);",
      ].join("\n"),
      resolveDir: extensionDir,
      sourcefile: `${handle}-host.ts`,
      loader: "ts",
    },
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    sourcemap: "inline",
    logLevel: "silent",
  });
  return { handle, target, script: result.outputFiles[0].text, locales: extensionLocales(extensionDir) };
}

export async function bundleExtensions(): Promise<Map<string, ExtensionBundle>> {
  const bundles = await Promise.all(Object.values(DEMO_EXTENSIONS).map(bundleExtension));
  return new Map(bundles.map((bundle) => [bundle.handle, bundle]));
}

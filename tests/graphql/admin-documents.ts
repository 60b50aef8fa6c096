// Finds every GraphQL document the app sends to Shopify: the `#graphql` template literals in
// app/ (Shopify's convention, which the type generator reads too).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface FoundDocument {
  file: string;
  line: number;
  source: string;
}

const APP_DIR = path.resolve(import.meta.dirname, "../../app");
const DOCUMENT = /`(\s*#graphql\s[\s\S]*?)`/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "types" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

export function findDocumentsIn(text: string, file: string): FoundDocument[] {
  return [...text.matchAll(DOCUMENT)].map((match) => ({
    file,
    line: text.slice(0, match.index).split("\n").length,
    source: match[1],
  }));
}

export function appGraphqlDocuments(): FoundDocument[] {
  return sourceFiles(APP_DIR).flatMap((file) => findDocumentsIn(readFileSync(file, "utf8"), path.relative(path.dirname(APP_DIR), file)));
}

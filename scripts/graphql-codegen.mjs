// Runs the GraphQL type generator offline: the Shopify preset reads the schema from
// app/types/admin-2026-10.schema.json when that file exists instead of downloading it, so
// the committed schema is unpacked there first (the unpacked copy is not committed).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const packed = path.join(root, "tests/fixtures/admin-schema-2026-10.json.gz");
writeFileSync(path.join(root, "app/types/admin-2026-10.schema.json"), gunzipSync(readFileSync(packed)));
execFileSync("npx", ["graphql-codegen", ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });

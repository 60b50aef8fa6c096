// Refreshes the committed Admin GraphQL schema from the npm package that publishes it
// (`npm pack` fetches the package from the registry without installing it).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const PACKAGE = "@shopify/dev-mcp@1.16.0";
const SCHEMA_IN_PACKAGE = "package/dist/data/admin_2026-10.json.gz";
const target = path.resolve(import.meta.dirname, "../tests/fixtures/admin-schema-2026-10.json.gz");

const workDir = mkdtempSync(path.join(tmpdir(), "admin-schema-"));
try {
  const tarball = execFileSync("npm", ["pack", PACKAGE, "--silent"], { cwd: workDir, encoding: "utf8" }).trim();
  execFileSync("tar", ["xzf", tarball, SCHEMA_IN_PACKAGE], { cwd: workDir });
  copyFileSync(path.join(workDir, SCHEMA_IN_PACKAGE), target);
  console.log(`Admin schema 2026-10 refreshed from ${PACKAGE} into ${path.relative(process.cwd(), target)}`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

// Makes sure Debian's Chromium is installed for the browser test (playwright-core drives it;
// Playwright's own browser download cannot work offline). Installs it with apt-get if missing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

if (!existsSync(CHROMIUM)) {
  const asRoot = process.getuid?.() === 0;
  const apt = (...args) => execFileSync(asRoot ? "apt-get" : "sudo", asRoot ? args : ["-n", "apt-get", ...args], { stdio: "inherit" });
  try {
    apt("update", "-qq");
    apt("install", "-y", "-qq", "chromium");
  } catch {
    console.error("Chromium is missing and could not be installed: run `sudo apt-get install -y chromium`.");
    process.exit(1);
  }
}
console.log(`chromium: ${execFileSync(CHROMIUM, ["--version"], { encoding: "utf8" }).trim()}`);

// Makes sure Debian's Chromium is installed for the browser test (playwright-core drives it;
// Playwright's own browser download cannot work offline). Installs it with apt-get if missing:
// as root directly, otherwise through `sudo -n` (never prompting, so a test run cannot hang).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

if (!existsSync(CHROMIUM)) {
  const asRoot = process.getuid?.() === 0;
  // No debconf questions: nobody is there to answer them.
  const apt = (...args) =>
    execFileSync(asRoot ? "apt-get" : "sudo", [...(asRoot ? [] : ["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]), ...args], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  try {
    apt("update", "-qq");
    apt("install", "-y", "-qq", "chromium");
  } catch {
    console.error("Chromium is missing and could not be installed: run `sudo apt-get install -y chromium`.");
    process.exit(1);
  }
}
// Debian's launcher script may complain on stderr about /dev/shm (findmnt listing two mounts):
// harmless, and not worth showing in a test run.
console.log(`chromium: ${execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim()}`);

// `npm run operator -- <command>` (or `node scripts/wakilni-operator.mjs <command>`): the
// operator's command line on a production install. Plain JavaScript over the server build, so it
// needs neither tsx nor any dev dependency, and runs with the app's own environment (DATABASE_URL,
// SECRETS_ENCRYPTION_KEYS…, as `npm start` does). The commands: app/operator/.
import { loadServerBuild } from "./server-build.mjs";

// Stdout is the command's output alone (a table a script may read): what the build logs as it
// loads (Shopify's library announces its version) goes to stderr.
const { log, info, debug } = console;
console.log = console.info = console.debug = console.error;
const build = await loadServerBuild();
Object.assign(console, { log, info, debug });

const { operatorCommandLine } = build.entry.module;
const exitCode = await operatorCommandLine.run(process.argv.slice(2), {
  program: "npm run operator --",
  terminal: { out: (line) => console.log(line), err: (line) => console.error(line) },
  now: () => new Date(),
});
await operatorCommandLine.close();
process.exit(exitCode);

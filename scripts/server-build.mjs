// Loads the production build (build/index.js, or REMIX_BUILD_PATH) for the processes that run
// the app's modules from it: the server (server.mjs) and the operator's command line
// (scripts/wakilni-operator.mjs). The build validates the environment as it loads; a process
// that cannot use it exits with a sentence, not a stack: each missing variable named, or the
// build to make first.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { installGlobals } from "@remix-run/node";

export async function loadServerBuild() {
  installGlobals({ nativeFetch: true });
  const buildPath = path.resolve(process.env.REMIX_BUILD_PATH ?? "build/index.js");
  try {
    return await import(pathToFileURL(buildPath).href);
  } catch (error) {
    if (error?.name === "EnvError") {
      console.error(error.message);
      process.exit(1);
    }
    if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes(buildPath)) {
      console.error(`No build at ${buildPath}: run \`npm run build\` first.`);
      process.exit(1);
    }
    throw error;
  }
}
